import { ChangeRequestsQuery } from '$lib/graphql/operations/governance';
import { STATES_IN_ORDER } from '$lib/governance/labels';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const given = event.url.searchParams.getAll('state').flatMap((value) => value.split(','));
  const states = STATES_IN_ORDER.filter((state) => given.includes(state));
  const data = await callApi(event, ChangeRequestsQuery, {
    filter: { states: states.length > 0 ? states : null },
  }).catch((cause: unknown) => failLoad(cause, event.url));

  return {
    changeRequests: data.changeRequests,
    states,
  };
};
