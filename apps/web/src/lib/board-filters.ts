/**
 * The incident board's filters and their place in the URL, so a filtered board can be
 * bookmarked, shared and reloaded. The query string is the only store of the filters: the page
 * reads them with {@link decodeFilters} and every change navigates to {@link boardHref}.
 *
 * Parameters: `q` (text), `status` and `severity` (repeatable, or comma-separated), `automation`
 * and `team` (ids), `after` (the cursor of the page before). A plain GET form with the same
 * field names produces a URL that decodes to the same filters, so the form works without
 * JavaScript.
 */
import { INCIDENT_STATUSES, SEVERITIES } from '@keel/domain';
import type { IncidentStatus, Severity } from '@keel/domain';
import type { IncidentFilter } from './graphql/generated/graphql';

/** What the board shows; empty lists and nulls mean "any". */
export interface BoardFilters {
  /** Statuses to show, in lifecycle order. */
  statuses: IncidentStatus[];
  /** Severities to show, worst first. */
  severities: Severity[];
  /** Only incidents naming this automation. */
  automationId: string | null;
  /** Only incidents affecting this team's automations. */
  teamId: string | null;
  /** Text in the title or summary, trimmed. */
  search: string;
}

/** The URL parameter of each filter. */
export const FILTER_PARAMS = {
  search: 'q',
  statuses: 'status',
  severities: 'severity',
  automationId: 'automation',
  teamId: 'team',
} as const;

/** The board's paging parameter. */
export const CURSOR_PARAM = 'after';

/** Longest search text kept from a URL, in characters; the rest is dropped. */
export const MAX_SEARCH_LENGTH = 200;

/** Longest id kept from a URL; API ids are far shorter, so anything longer is noise. */
const MAX_ID_LENGTH = 200;

/** Statuses an incident can still leave: the "Open" preset. */
export const OPEN_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.filter(
  (status) => status !== 'CLOSED' && status !== 'CANCELLED',
);

/** No filter at all. */
export const NO_FILTERS: Readonly<BoardFilters> = Object.freeze({
  statuses: [],
  severities: [],
  automationId: null,
  teamId: null,
  search: '',
});

/** Every value of a repeatable parameter, whether repeated or comma-separated. */
function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim());
}

/** The known values among `given`, once each, in the vocabulary's own order. */
function pick<T extends string>(vocabulary: readonly T[], given: readonly string[]): T[] {
  return vocabulary.filter((value) => given.includes(value));
}

function idParam(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim() ?? '';
  return value === '' || value.length > MAX_ID_LENGTH ? null : value;
}

/**
 * Reads the filters from a query string. Unknown statuses and severities, blank values and
 * overlong ids are ignored rather than refused: a hand-edited or outdated link still opens the
 * board, with the filters it could understand.
 */
export function decodeFilters(params: URLSearchParams): BoardFilters {
  return {
    statuses: pick(INCIDENT_STATUSES, listParam(params, FILTER_PARAMS.statuses)),
    severities: pick(SEVERITIES, listParam(params, FILTER_PARAMS.severities)),
    automationId: idParam(params, FILTER_PARAMS.automationId),
    teamId: idParam(params, FILTER_PARAMS.teamId),
    search: (params.get(FILTER_PARAMS.search) ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
  };
}

/**
 * Writes the filters as a query string in one canonical form: parameters in a fixed order,
 * list values repeated in vocabulary order, nothing for "any". Equal filters give equal strings.
 */
export function encodeFilters(filters: BoardFilters): URLSearchParams {
  const params = new URLSearchParams();
  const search = filters.search.trim();

  if (search !== '') {
    params.set(FILTER_PARAMS.search, search);
  }

  for (const status of pick(INCIDENT_STATUSES, filters.statuses)) {
    params.append(FILTER_PARAMS.statuses, status);
  }

  for (const severity of pick(SEVERITIES, filters.severities)) {
    params.append(FILTER_PARAMS.severities, severity);
  }

  if (filters.automationId) {
    params.set(FILTER_PARAMS.automationId, filters.automationId);
  }

  if (filters.teamId) {
    params.set(FILTER_PARAMS.teamId, filters.teamId);
  }

  return params;
}

/** The board's address for these filters, optionally from a page cursor on. */
export function boardHref(filters: BoardFilters, after: string | null = null): string {
  const params = encodeFilters(filters);

  if (after) {
    params.set(CURSOR_PARAM, after);
  }

  const query = params.toString();
  return query === '' ? '/' : `/?${query}`;
}

/** Whether any filter narrows the board. */
export function isFiltered(filters: BoardFilters): boolean {
  return encodeFilters(filters).toString() !== '';
}

/** The filters as the API's `IncidentFilter`, leaving out what means "any". */
export function toIncidentFilter(filters: BoardFilters): IncidentFilter {
  return {
    ...(filters.statuses.length > 0 && { statuses: filters.statuses }),
    ...(filters.severities.length > 0 && { severities: filters.severities }),
    ...(filters.automationId && { automationId: filters.automationId }),
    ...(filters.teamId && { ownerTeamId: filters.teamId }),
    ...(filters.search !== '' && { search: filters.search }),
  };
}
