import { loadEditorContext } from '$lib/governance/editor-context.server';
import { openProposal } from '$lib/governance/proposal.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  return { context: await loadEditorContext(event, viewer.id) };
};

export const actions: Actions = {
  open: (event) => openProposal(event, 'NEW_PLAYBOOK', null),
};
