import { GovernanceReviewQuery } from '$lib/graphql/operations/governance';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const data = await callApi(event, GovernanceReviewQuery).catch((cause: unknown) =>
    failLoad(cause, event.url),
  );

  return {
    playbooksDue: data.governanceReview.playbooksDue,
    emergencies: data.governanceReview.emergencyChangesAwaitingReview,
    policy: data.approvalPolicy,
    teams: data.teams,
  };
};
