import { requirePermission } from '../../auth/actor.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { Incident } from '../incident/incident.entity.js';
import { SEARCH_CONFIG } from './postmortem-text.entity.js';
import type { SearchResult, SearchResultKind, TextRange } from './timeline.inputs.js';

/** Longest search query, in characters. */
export const MAX_SEARCH_QUERY_LENGTH = 200;

/** Results of one search at most, and by default. */
export const SEARCH_LIMITS = { max: 50, default: 10 } as const;

/**
 * Marks around matches in ts_headline's output. Control characters, because the projection
 * strips them from stored text (see storableText), so they cannot occur in it by accident.
 */
const START = '\u0002';
const STOP = '\u0003';
const MARKS = `StartSel=${START}, StopSel=${STOP}`;

/**
 * Texts up to this many characters are shown whole. ts_headline's fragments suit long texts,
 * but in a short one a fragment can stop right at the match and drop the end of the sentence.
 */
const WHOLE_TEXT_CHARACTERS = 300;
const SHORT_TEXT_OPTIONS = `${MARKS}, HighlightAll=true`;
const FRAGMENTS = 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';
const LONG_TEXT_OPTIONS = `${MARKS}, ${FRAGMENTS}`;

/**
 * Ranks hits first and writes snippets only for the page kept: ts_headline re-parses the whole
 * text, which is too slow to run on every match. Incidents are matched on title and summary
 * computed on the fly (no index: one organisation's incidents are few enough to scan);
 * postmortems through the GIN index on `postmortem_text.search`.
 */
const SEARCH_SQL = `
  with q as (select websearch_to_tsquery('${SEARCH_CONFIG}', ?) as query),
  incidents as (
    select i.id, i.title || E'\\n' || i.summary as body from incident i where i.organization_id = ?
  ),
  hits as (
    (select 'INCIDENT' as kind, i.id as incident_id, i.body,
            ts_rank(to_tsvector('${SEARCH_CONFIG}', i.body), q.query) as rank
       from incidents i, q
      where to_tsvector('${SEARCH_CONFIG}', i.body) @@ q.query)
    union all
    (select 'POSTMORTEM', p.incident_id, p.body, ts_rank(p.search, q.query)
       from postmortem_text p, q
      where p.organization_id = ? and p.search @@ q.query)
    order by rank desc, incident_id, kind
    limit ?
  )
  select h.kind, h.incident_id, h.rank,
         ts_headline('${SEARCH_CONFIG}', h.body, q.query,
                     case when length(h.body) <= ? then ? else ? end) as snippet
    from hits h, q
   order by h.rank desc, h.incident_id, h.kind`;

interface HitRow {
  kind: SearchResultKind;
  incident_id: string;
  rank: number;
  snippet: string;
}

/** Full-text search over the caller's organisation. */
export class SearchQueries {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * Incidents (title and summary) and postmortems matching a web-style query ("quoted phrases",
   * `or`, `-excluded`), best first, each with a snippet. Blank or over-long queries are
   * BAD_USER_INPUT.
   */
  async search(query: string, first: number | null | undefined): Promise<SearchResult[]> {
    const actor = requirePermission(this.ctx.actor, 'read');
    const text = query.trim();
    const limit = first ?? SEARCH_LIMITS.default;
    if (text.length === 0) throw new BadUserInputError('Say what to search for.');
    if (text.length > MAX_SEARCH_QUERY_LENGTH) {
      throw new BadUserInputError(
        `A search may have at most ${MAX_SEARCH_QUERY_LENGTH} characters (it has ${text.length}).`,
      );
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.max) {
      throw new BadUserInputError(`"first" must be between 1 and ${SEARCH_LIMITS.max}.`);
    }

    const { em } = this.ctx;
    const hits = await em.execute<HitRow[]>(SEARCH_SQL, [
      text,
      actor.organizationId,
      actor.organizationId,
      limit,
      WHOLE_TEXT_CHARACTERS,
      SHORT_TEXT_OPTIONS,
      LONG_TEXT_OPTIONS,
    ]);
    if (hits.length === 0) return [];

    const incidents = await em.find(Incident, {
      id: { $in: [...new Set(hits.map((hit) => hit.incident_id))] },
      organization: actor.organizationId,
    });
    const byId = new Map(incidents.map((incident) => [incident.id, incident]));

    return hits.flatMap((hit) => {
      const incident = byId.get(hit.incident_id);
      if (!incident) return [];
      return [{ kind: hit.kind, incident, rank: Number(hit.rank), ...highlighted(hit.snippet) }];
    });
  }
}

/** Splits ts_headline's marked output into plain text and the ranges that were marked. */
export function highlighted(marked: string): { snippet: string; highlights: TextRange[] } {
  const highlights: TextRange[] = [];
  let snippet = '';
  let start: number | null = null;

  for (const char of marked) {
    if (char === START) {
      start = snippet.length;
    } else if (char === STOP) {
      if (start !== null && snippet.length > start) {
        highlights.push({ start, length: snippet.length - start });
      }
      start = null;
    } else {
      snippet += char;
    }
  }
  return { snippet, highlights };
}
