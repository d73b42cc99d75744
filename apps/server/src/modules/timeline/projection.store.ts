import type { EntityManager } from '@mikro-orm/postgresql';
import type { TimelineEntry as DocumentEntry } from '@keel/collab';
import { UUID_PATTERN } from '../../ids.js';
import type { TimelineChangeKind } from '../../graphql/pubsub.js';
import { SEARCH_CONFIG } from './postmortem-text.entity.js';

/**
 * SQL of the projection. Each flush is one statement, so a batch of entries is written together
 * or not at all, and each statement names the organisation as well as the incident.
 */

/** Which incident, of which tenant, a projected document belongs to. */
export interface ProjectionKey {
  organizationId: string;
  incidentId: string;
}

/**
 * A `timeline_entry` row as the database returns it, with times as ISO strings: the shape that
 * travels on the event bus (possibly through Redis) and that `rowReader` turns back into a
 * TimelineEntry.
 */
export interface TimelineEntryRow {
  incident_id: string;
  entry_id: string;
  organization_id: string;
  occurred_at: string;
  written_at: string;
  kind: DocumentEntry['kind'];
  source: DocumentEntry['source'];
  author_kind: DocumentEntry['author']['kind'];
  author_id: string | null;
  author_name: string;
  body: string;
  pinned: boolean;
  tags: string[];
  evidence: { url: string; label: string }[];
  deleted: boolean;
  deleted_at: string | null;
  updated_at: string;
}

/** A row the projection wrote, with what kind of change it was. */
export interface ProjectedChange {
  kind: TimelineChangeKind;
  row: TimelineEntryRow;
}

/** Entry keys the table can hold; anything else was written by a crafted update. */
const ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Four-digit years: JavaScript writes others as `+010000-…`, which PostgreSQL refuses. */
const STORABLE_INSTANT = /^\d{4}-/;

/**
 * The columns compared to decide whether a row changed. A flush that changes none of them writes
 * nothing and announces nothing, which is what makes re-projecting a whole document on load, or
 * on two processes at once, harmless.
 */
const COMPARED = [
  'occurred_at',
  'written_at',
  'kind',
  'source',
  'author_kind',
  'author_id',
  'author_name',
  'body',
  'pinned',
  'tags',
  'evidence',
  'deleted',
  'deleted_at',
];

const COMPARED_CURRENT = COMPARED.map((column) => `timeline_entry.${column}`).join(', ');
const COMPARED_EXCLUDED = COMPARED.map((column) => `excluded.${column}`).join(', ');
const UPDATED_COLUMNS = [...COMPARED, 'updated_at']
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');

const UPSERT_ENTRIES = `
  with incoming as (
    select * from jsonb_to_recordset(?::jsonb) as r(
      entry_id text, occurred_at timestamptz, written_at timestamptz, kind text, source text,
      author_kind text, author_id uuid, author_name text, body text, pinned boolean,
      tags jsonb, evidence jsonb, deleted boolean, deleted_at timestamptz)
  ), previous as (
    select t.entry_id, t.pinned, t.deleted from timeline_entry t
     where t.incident_id = ? and t.entry_id in (select entry_id from incoming)
  ), written as (
    insert into timeline_entry
      (incident_id, entry_id, organization_id, occurred_at, written_at, kind, source, author_kind,
       author_id, author_name, body, pinned, tags, evidence, deleted, deleted_at, updated_at)
    select ?, i.entry_id, ?, i.occurred_at, i.written_at, i.kind, i.source, i.author_kind,
           i.author_id, i.author_name, i.body, i.pinned,
           array(select jsonb_array_elements_text(i.tags)), i.evidence, i.deleted, i.deleted_at,
           clock_timestamp()
      from incoming i
    on conflict (incident_id, entry_id) do update set ${UPDATED_COLUMNS}
     where timeline_entry.organization_id = excluded.organization_id
       and (${COMPARED_CURRENT}) is distinct from (${COMPARED_EXCLUDED})
    returning *
  )
  select w.*, p.entry_id is null as added, p.pinned as was_pinned, p.deleted as was_deleted
    from written w left join previous p on p.entry_id = w.entry_id`;

/**
 * Upserts entries read from the timeline document and returns the rows that actually changed.
 * The `previous` step reads the rows as they were before the statement (every part of one
 * statement sees the same snapshot), which is how each change is classified.
 */
export async function upsertTimelineEntries(
  em: EntityManager,
  key: ProjectionKey,
  entries: readonly DocumentEntry[],
): Promise<ProjectedChange[]> {
  const incoming = entries.map(toIncoming).filter((row) => row !== null);
  if (incoming.length === 0) return [];

  const rows: (TimelineEntryRow & {
    added: boolean;
    was_pinned: boolean | null;
    was_deleted: boolean | null;
  })[] = await em.execute(UPSERT_ENTRIES, [
    JSON.stringify(incoming),
    key.incidentId,
    key.incidentId,
    key.organizationId,
  ]);

  return rows.map(({ added, was_pinned, was_deleted, ...row }) => ({
    kind: changeKind(added, was_pinned, was_deleted, row),
    row: plainRow(row),
  }));
}

/** Writes a postmortem's text and its search vector; nothing when the text is unchanged. */
export async function upsertPostmortemText(
  em: EntityManager,
  key: ProjectionKey,
  body: string,
): Promise<boolean> {
  const rows: unknown[] = await em.execute(
    `insert into postmortem_text (incident_id, organization_id, body, search, updated_at)
     values (?, ?, ?, to_tsvector('${SEARCH_CONFIG}', ?), clock_timestamp())
     on conflict (incident_id) do update
       set body = excluded.body, search = excluded.search, updated_at = excluded.updated_at
     where postmortem_text.organization_id = excluded.organization_id
       and postmortem_text.body is distinct from excluded.body
     returning incident_id`,
    [key.incidentId, key.organizationId, body, body],
  );
  return rows.length > 0;
}

/**
 * Removes what PostgreSQL cannot store (NUL) and the control characters the search reserves for
 * marking highlights, keeping tabs and line breaks.
 */
export function storableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

interface IncomingRow {
  entry_id: string;
  occurred_at: string;
  written_at: string;
  kind: string;
  source: string;
  author_kind: string;
  author_id: string | null;
  author_name: string;
  body: string;
  pinned: boolean;
  tags: string[];
  evidence: { url: string; label: string }[];
  deleted: boolean;
  deleted_at: string | null;
}

/**
 * An entry as a row, or null when the document holds something the table cannot: a key that is
 * not an entry id, or a time outside years 0000–9999. Such entries are skipped rather than
 * failing the whole batch. Author ids that are not UUIDs (no Keel author has one) become null.
 */
function toIncoming(entry: DocumentEntry): IncomingRow | null {
  if (!ENTRY_ID_PATTERN.test(entry.id)) return null;

  const instants = [entry.occurredAt, entry.createdAt, entry.deletedAt].filter(Boolean);
  if (!instants.every((instant) => STORABLE_INSTANT.test(instant!))) return null;

  return {
    entry_id: entry.id,
    occurred_at: entry.occurredAt,
    written_at: entry.createdAt,
    kind: entry.kind,
    source: entry.source,
    author_kind: entry.author.kind,
    author_id: entry.author.id && UUID_PATTERN.test(entry.author.id) ? entry.author.id : null,
    author_name: storableText(entry.author.name) || 'Unknown',
    body: storableText(entry.bodyText),
    pinned: entry.pinned,
    tags: entry.tags.map(storableText),
    evidence: entry.evidence.map((link) => ({
      url: storableText(link.url),
      label: storableText(link.label),
    })),
    deleted: entry.deleted,
    deleted_at: entry.deleted ? entry.deletedAt : null,
  };
}

function changeKind(
  added: boolean,
  wasPinned: boolean | null,
  wasDeleted: boolean | null,
  row: { pinned: boolean; deleted: boolean },
): TimelineChangeKind {
  if (added) return 'ADDED';
  if (row.deleted !== wasDeleted) return row.deleted ? 'DELETED' : 'RESTORED';
  if (row.pinned !== wasPinned) return row.pinned ? 'PINNED' : 'UNPINNED';
  return 'UPDATED';
}

/** The row with its times as ISO strings, so it survives JSON (and Redis) unchanged. */
function plainRow(row: Record<string, unknown>): TimelineEntryRow {
  const plain: Record<string, unknown> = { ...row };
  for (const [column, value] of Object.entries(row)) {
    if (value instanceof Date) plain[column] = value.toISOString();
  }
  return plain as unknown as TimelineEntryRow;
}
