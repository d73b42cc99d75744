/**
 * The playbook library's filters and their place in the query string, so a filtered list can
 * be bookmarked and works as a plain GET form. Parameters: `q` (words in the title), `status`
 * (ACTIVE or DEPRECATED), `team` (owner team id), `review` (CURRENT, DUE_SOON or OVERDUE).
 */
import type { PlaybookReviewState, PlaybookStatus } from '$lib/graphql/generated/graphql';

/** What the library shows; null means any. */
export interface LibraryFilters {
  search: string;
  status: PlaybookStatus | null;
  teamId: string | null;
  review: PlaybookReviewState | null;
}

const STATUSES: readonly PlaybookStatus[] = ['ACTIVE', 'DEPRECATED'];
const REVIEW_STATES: readonly PlaybookReviewState[] = ['CURRENT', 'DUE_SOON', 'OVERDUE'];

/** Longest search kept from an address, in characters. */
const MAX_SEARCH_LENGTH = 200;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.find((candidate) => candidate === value) ?? null;
}

/** Reads the filters from a query string; unknown values count as "any". */
export function decodeLibraryFilters(params: URLSearchParams): LibraryFilters {
  const team = params.get('team')?.trim() ?? '';

  return {
    search: (params.get('q') ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
    status: oneOf(STATUSES, params.get('status')),
    teamId: team === '' ? null : team,
    review: oneOf(REVIEW_STATES, params.get('review')),
  };
}

/** Whether any filter is set. */
export function isLibraryFiltered(filters: LibraryFilters): boolean {
  return (
    filters.search !== '' ||
    filters.status !== null ||
    filters.teamId !== null ||
    filters.review !== null
  );
}

/** A playbook as far as the filters the API does not apply need to know. */
export interface FilterablePlaybook {
  ownerTeam: { id: string };
  review: { state: PlaybookReviewState };
}

/** Keeps the playbooks of the chosen owner team and review state. */
export function applyLocalFilters<T extends FilterablePlaybook>(
  playbooks: readonly T[],
  filters: LibraryFilters,
): T[] {
  return playbooks.filter(
    (playbook) =>
      (filters.teamId === null || playbook.ownerTeam.id === filters.teamId) &&
      (filters.review === null || playbook.review.state === filters.review),
  );
}
