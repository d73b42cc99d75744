import type { Extension, afterLoadDocumentPayload } from '@hocuspocus/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ROLE_LABELS, STATUS_LABELS, type IncidentRole, type IncidentStatus } from '@keel/domain';
import {
  addEntry,
  readAuthor,
  timelineEntries,
  type AuthorRef,
  type NewTimelineEntry,
} from '@keel/collab';
import type { CollabContext } from '../../collab/collab-socket.js';
import type { LiveDocuments } from '../../collab/live-documents.js';
import type { UpdateAuthor } from '../../collab/journal.store.js';
import type { Logger } from '../../logger.js';
import type { ActorKind } from '../actor/actor-stamp.js';

/**
 * The entries Keel writes into a timeline by itself: one STATUS_CHANGE per lifecycle transition
 * and one ROLE_CHANGE per assignment, handover or release of an incident role.
 *
 * They are derived from the incident's relational history (transitions and role stints), each
 * under an id made from the row it describes, so writing them is idempotent: {@link
 * recordSystemEntries} adds exactly the ones the document lacks. The incident service calls it
 * after its transaction commits, never inside it: the live document is broadcast the moment it
 * changes and cannot be rolled back, so writing first could show collaborators a transition
 * that then failed, and loading a document while holding the incident's row lock would make
 * every other writer wait on it. The cost is a window: if the process dies after the commit and
 * before the entry is journaled, the transition is stored without its entry. {@link
 * SystemEntryRepair} closes that window by running the same function whenever a timeline is
 * loaded, so the missing entry appears the next time anyone opens the timeline (or sooner, at
 * the incident's next status or role change, which writes every entry still missing).
 */

/** The journal's author for changes Keel makes by itself. */
const KEEL: UpdateAuthor = { kind: 'SYSTEM', id: null };

/** How Keel signs entries when no person or token is behind them. */
const KEEL_AUTHOR: AuthorRef = { kind: 'SYSTEM', id: null, name: 'Keel' };

/** Which incident, of which tenant. */
export interface IncidentKey {
  incidentId: string;
  organizationId: string;
}

interface TransitionRow {
  id: string;
  from_status: IncidentStatus;
  to_status: IncidentStatus;
  note: string | null;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_name: string;
  created_at: string;
}

interface StintRow {
  id: string;
  role: IncidentRole;
  holder_name: string;
  handoff_note: string | null;
  assigned_by_kind: ActorKind;
  assigned_by_id: string | null;
  assigned_by_name: string;
  created_at: string;
  ended_at: string | null;
}

/** A stint with its instants parsed. */
type Stint = Omit<StintRow, 'created_at' | 'ended_at'> & {
  created_at: Date;
  ended_at: Date | null;
};

/**
 * Writes the system entries the incident's timeline lacks. Resolves with how many were added
 * (0 when the timeline was already complete).
 */
export async function recordSystemEntries(
  live: LiveDocuments,
  em: EntityManager,
  key: IncidentKey,
): Promise<number> {
  let added = 0;
  await live.write({
    ...key,
    kind: 'timeline',
    author: KEEL,
    // The history is read inside the write, which runs alone for this document, so two callers
    // cannot both find an entry missing.
    draft: async (current, draft) => {
      const existing = timelineEntries(current);
      for (const entry of await systemEntriesOf(em, key)) {
        if (existing.has(entry.id!)) continue;
        addEntry(draft, entry);
        added += 1;
      }
    },
  });
  return added;
}

/** The system entries an incident's history calls for, oldest first. */
export async function systemEntriesOf(
  em: EntityManager,
  key: IncidentKey,
): Promise<NewTimelineEntry[]> {
  const [transitions, stints] = await Promise.all([
    em.execute<TransitionRow[]>(
      `select t.id, t.from_status, t.to_status, t.note, t.actor_kind, t.actor_id, t.actor_name,
              t.created_at
         from incident_transition t join incident i on i.id = t.incident_id
        where t.incident_id = ? and i.organization_id = ? and t.from_status is not null
        order by t.created_at, t.id`,
      [key.incidentId, key.organizationId],
    ),
    em.execute<StintRow[]>(
      `select a.id, a.role, u.name as holder_name, a.handoff_note, a.assigned_by_kind,
              a.assigned_by_id, a.assigned_by_name, a.created_at, a.ended_at
         from incident_role_assignment a
         join incident i on i.id = a.incident_id
         join app_user u on u.id = a.holder_id
        where a.incident_id = ? and i.organization_id = ?
        order by a.created_at, a.id`,
      [key.incidentId, key.organizationId],
    ),
  ]);

  // The driver leaves timestamps as strings; the stint logic compares instants.
  const stintsWithDates = stints.map((stint) => ({
    ...stint,
    created_at: new Date(stint.created_at),
    ended_at: stint.ended_at === null ? null : new Date(stint.ended_at),
  }));
  return [...transitions.map(transitionEntry), ...stintEntries(stintsWithDates)];
}

function transitionEntry(row: TransitionRow): NewTimelineEntry {
  const author = authorOf(row.actor_kind, row.actor_id, row.actor_name);
  const line = `${author.name} changed the status from ${STATUS_LABELS[row.from_status]} to ${
    STATUS_LABELS[row.to_status]
  }.`;
  return {
    id: `status-${row.id}`,
    kind: 'STATUS_CHANGE',
    source: 'SYSTEM',
    author,
    occurredAt: row.created_at,
    createdAt: row.created_at,
    bodyText: row.note ? `${line}\n${row.note}` : line,
  };
}

/**
 * One entry per stint, and one per release. A stint that starts at the moment another stint of
 * the same role ends is a handover (the incident service stamps both with one instant); a stint
 * that ends with no successor was released.
 */
function stintEntries(stints: readonly Stint[]): NewTimelineEntry[] {
  const entries: NewTimelineEntry[] = [];
  const startOf = (role: IncidentRole, at: Date) =>
    stints.find((s) => s.role === role && s.created_at.getTime() === at.getTime());
  const endOf = (role: IncidentRole, at: Date) =>
    stints.find((s) => s.role === role && s.ended_at?.getTime() === at.getTime());

  for (const stint of stints) {
    const label = ROLE_LABELS[stint.role].toLowerCase();
    const author = authorOf(stint.assigned_by_kind, stint.assigned_by_id, stint.assigned_by_name);
    const previous = endOf(stint.role, stint.created_at);
    const holder = stint.holder_name;
    const line = previous
      ? `${author.name} handed the ${label} role from ${previous.holder_name} to ${holder}.`
      : `${author.name} made ${holder} the ${label}.`;
    entries.push({
      id: `role-${stint.id}`,
      kind: 'ROLE_CHANGE',
      source: 'SYSTEM',
      author,
      occurredAt: stint.created_at,
      createdAt: stint.created_at,
      bodyText: stint.handoff_note ? `${line}\nHandoff note: ${stint.handoff_note}` : line,
    });

    if (stint.ended_at && !startOf(stint.role, stint.ended_at)) {
      entries.push({
        id: `role-end-${stint.id}`,
        kind: 'ROLE_CHANGE',
        source: 'SYSTEM',
        // Who released a role is in the audit trail, not on the stint.
        author: KEEL_AUTHOR,
        occurredAt: stint.ended_at,
        createdAt: stint.ended_at,
        bodyText: `${stint.holder_name} is no longer the ${label}.`,
      });
    }
  }
  return entries;
}

function authorOf(kind: ActorKind, id: string | null, name: string): AuthorRef {
  return readAuthor({ kind, id, name }) ?? KEEL_AUTHOR;
}

/** Options of {@link SystemEntryRepair}. */
export interface SystemEntryRepairOptions {
  orm: MikroORM;
  logger: Logger;
  live: LiveDocuments;
}

/**
 * Writes missing system entries whenever a timeline is loaded: the repair for a process that
 * died between committing a transition and writing its entry (see the top of this file). It
 * runs in the background, since the document must finish loading before it can be written to;
 * a failure is logged and retried on the next load.
 */
export class SystemEntryRepair implements Extension {
  readonly extensionName = 'keel-system-entries';
  /** After the projection, which must be following the document before entries arrive. */
  readonly priority = 40;

  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: SystemEntryRepairOptions) {}

  /** Starts the repair of a timeline that just loaded, without holding up the load. */
  async afterLoadDocument({
    context,
    documentName,
  }: afterLoadDocumentPayload<CollabContext>): Promise<void> {
    const { organizationId, document: address } = context;
    if (!organizationId || address?.kind !== 'timeline') return;

    const key = { organizationId, incidentId: address.incidentId };
    const run = recordSystemEntries(this.options.live, this.options.orm.em.fork(), key)
      .then((added) => {
        if (added > 0) this.options.logger.info({ documentName, added }, 'system entries repaired');
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error, documentName }, 'system entry repair failed');
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Waits for repairs under way. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
