import { loadEditorContext } from '$lib/governance/editor-context.server';
import { openProposal } from '$lib/governance/proposal.server';
import { GovernanceReviewQuery } from '$lib/graphql/operations/governance';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const [review, context] = await Promise.all([
    callApi(event, GovernanceReviewQuery).catch((cause: unknown) => failLoad(cause, event.url)),
    loadEditorContext(event, viewer.id),
  ]);

  return { policy: review.approvalPolicy, context };
};

export const actions: Actions = {
  open: (event) => openProposal(event, 'POLICY_CHANGE', null),
};
