import { PlaybooksQuery } from '$lib/graphql/operations/governance';
import { applyLocalFilters, decodeLibraryFilters } from '$lib/governance/library-filters';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const filters = decodeLibraryFilters(event.url.searchParams);
  const data = await callApi(event, PlaybooksQuery, {
    filter: {
      search: filters.search === '' ? null : filters.search,
      statuses: filters.status ? [filters.status] : null,
    },
  }).catch((cause: unknown) => failLoad(cause, event.url));

  return {
    filters,
    playbooks: applyLocalFilters(data.playbooks, filters),
    teams: data.teams,
  };
};
