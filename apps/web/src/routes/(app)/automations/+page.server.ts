import { AutomationsQuery } from '$lib/graphql/operations/automations';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { PageServerLoad } from './$types';

/** Entries per page of the catalog; the API's maximum. */
const PAGE_SIZE = 100;

export const load: PageServerLoad = async (event) => {
  const after = event.url.searchParams.get('after') || null;
  const { automations } = await callApi(event, AutomationsQuery, {
    first: PAGE_SIZE,
    after,
  }).catch((cause: unknown) => failLoad(cause, event.url));

  return { automations, after };
};
