import { error } from '@sveltejs/kit';
import { PlaybookBaseQuery } from '$lib/graphql/operations/governance';
import { loadEditorContext } from '$lib/governance/editor-context.server';
import { openProposal } from '$lib/governance/proposal.server';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const [base, context] = await Promise.all([
    callApi(event, PlaybookBaseQuery, { id: event.params.id }).catch((cause: unknown) =>
      failLoad(cause, event.url),
    ),
    loadEditorContext(event, viewer.id),
  ]);

  if (!base.playbook) {
    error(404, { message: 'There is no such playbook in your organisation.', code: 'NOT_FOUND' });
  }

  return { playbook: base.playbook, context };
};

export const actions: Actions = {
  open: (event) => openProposal(event, 'NEW_VERSION', event.params.id),
};
