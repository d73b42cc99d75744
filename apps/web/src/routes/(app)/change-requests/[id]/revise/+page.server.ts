import { error } from '@sveltejs/kit';
import { ChangeRequestDraftQuery } from '$lib/graphql/operations/governance';
import { loadEditorContext } from '$lib/governance/editor-context.server';
import { reviseProposal } from '$lib/governance/proposal.server';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const [draft, context] = await Promise.all([
    callApi(event, ChangeRequestDraftQuery, { id: event.params.id }).catch((cause: unknown) =>
      failLoad(cause, event.url),
    ),
    loadEditorContext(event, viewer.id),
  ]);
  const changeRequest = draft.changeRequest;

  if (!changeRequest) {
    error(404, {
      message: 'There is no such change request in your organisation.',
      code: 'NOT_FOUND',
    });
  }

  if (!changeRequest.document) {
    error(400, {
      message: 'This change request proposes no document to revise.',
      code: 'BAD_USER_INPUT',
    });
  }

  return { changeRequest: { ...changeRequest, document: changeRequest.document }, context };
};

export const actions: Actions = {
  revise: async (event) => {
    // The kind decides which validator checks the document; read it from the API, not the form.
    const draft = await callApi(event, ChangeRequestDraftQuery, { id: event.params.id }).catch(
      () => null,
    );
    return reviseProposal(event, event.params.id, draft?.changeRequest?.kind ?? 'NEW_VERSION');
  },
};
