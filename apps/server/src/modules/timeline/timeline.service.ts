import { checkListSize, checkText } from '@keel/domain';
import {
  TIMELINE_ENTRY_KINDS,
  TIMELINE_LIMITS,
  addEntry,
  isOneOf,
  newEntryId,
  type EvidenceLink,
  type NewTimelineEntry,
} from '@keel/collab';
import { requirePermission, type Actor } from '../../auth/actor.js';
import type { LiveDocuments } from '../../collab/live-documents.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { keyOf } from '../../ids.js';
import { auditChange } from '../audit/audit.service.js';
import { Incident } from '../incident/incident.entity.js';
import { recordSystemEntries } from './system-entries.js';
import { TimelineEntry } from './timeline-entry.entity.js';
import type { AddTimelineEntryInput, EvidenceLinkInput } from './timeline.inputs.js';

/** Longest body an entry written through the API may have, in characters. */
export const MAX_ENTRY_BODY_LENGTH = 10_000;

/** Kinds only Keel writes, from the incident's own history. */
const SYSTEM_KINDS: readonly string[] = ['STATUS_CHANGE', 'ROLE_CHANGE'];

/** Clock skew tolerated before an `occurredAt` counts as in the future. */
const FUTURE_TOLERANCE_MS = 60_000;

/** Earliest `occurredAt` accepted: backdating is for hours and days, not for typos of a year. */
const EARLIEST_OCCURRED_AT = Date.parse('2000-01-01T00:00:00Z');

/** What an evidence URL must look like; the document's reader drops anything else. */
const EVIDENCE_URL = /^https?:\/\/[^\s<>"]+$/i;

/**
 * Writes to incident timelines. The timeline itself is a live document; these methods change it
 * through {@link LiveDocuments}, which journals each change (with its audit record) before any
 * editor sees it, and return once the projection shows it.
 */
export class TimelineService {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * Adds an entry for a person (source PERSON) or an integration's token (INTEGRATION). Rejected
   * input writes nothing: it is checked before the document is even loaded.
   */
  async addEntry(input: AddTimelineEntryInput): Promise<TimelineEntry> {
    const actor = requirePermission(this.ctx.actor, 'write');
    const entry = newEntryFrom(input, actor, new Date());
    const live = this.requireLiveDocuments();

    const incident = await this.findIncident(actor, input.incidentId);
    await live.write({
      incidentId: incident.id,
      organizationId: actor.organizationId,
      kind: 'timeline',
      author: { kind: actor.kind, id: entry.author.id },
      draft: (_current, draft) => {
        addEntry(draft, entry);
      },
      alongside: async (tx) => {
        await auditChange(tx, this.ctx, actor, {
          action: 'incident.timeline.add_entry',
          targetType: 'Incident',
          targetId: incident.id,
          changes: { [`timeline.${entry.id}`]: { before: null, after: auditedEntry(entry) } },
        });
      },
    });

    const row = await this.ctx.em.findOne(TimelineEntry, {
      incident: incident.id,
      entryId: entry.id,
      organization: actor.organizationId,
    });
    if (row) return row;

    // The entry is stored; only its row is late (the projection retries). Answering with what
    // was written keeps a client from adding it a second time.
    this.ctx.logger.warn({ incidentId: incident.id, entryId: entry.id }, 'entry not projected yet');
    return unprojectedEntry(entry, incident, actor);
  }

  /**
   * Writes the STATUS_CHANGE and ROLE_CHANGE entries an incident's committed history calls for
   * (see system-entries.ts for why after the commit). Never fails the caller: the change it
   * follows is already committed, and the next load of the timeline writes what is missing.
   */
  async recordIncidentHistory(incidentId: string): Promise<void> {
    const live = this.ctx.liveDocuments;
    const actor = this.ctx.actor;
    if (!live || !actor) return;

    try {
      await recordSystemEntries(live, this.ctx.em.fork(), {
        incidentId,
        organizationId: actor.organizationId,
      });
    } catch (error) {
      this.ctx.logger.error({ err: error, incidentId }, 'system timeline entry not written');
    }
  }

  private requireLiveDocuments(): LiveDocuments {
    if (!this.ctx.liveDocuments) throw new Error('This process serves no live documents.');
    return this.ctx.liveDocuments;
  }

  private async findIncident(actor: Actor, id: string): Promise<Incident> {
    const key = keyOf(id, 'Incident');
    const incident = key
      ? await this.ctx.em.findOne(Incident, { id: key, organization: actor.organizationId })
      : null;
    if (!incident) throw new NotFoundError('No such incident.');
    return incident;
  }
}

/** The checked entry, or BAD_USER_INPUT listing every problem. */
function newEntryFrom(
  input: AddTimelineEntryInput,
  actor: Actor,
  now: Date,
): NewTimelineEntry & { id: string } {
  const tags = (input.tags ?? []).map((tag) => tag.trim());
  const links = input.evidenceLinks ?? [];
  const occurredAt = input.occurredAt ?? now;
  const problems = [
    !isOneOf(input.kind, TIMELINE_ENTRY_KINDS) ? 'kind is not valid.' : null,
    SYSTEM_KINDS.includes(input.kind) ? `${input.kind} entries are written by Keel.` : null,
    checkText(input.body, { field: 'body', max: MAX_ENTRY_BODY_LENGTH, required: true }),
    Number.isNaN(occurredAt.getTime()) ? 'occurredAt is not a valid time.' : null,
    occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS
      ? 'occurredAt is in the future.'
      : null,
    occurredAt.getTime() < EARLIEST_OCCURRED_AT ? 'occurredAt must be in 2000 or later.' : null,
    checkListSize(tags, 'tags', TIMELINE_LIMITS.maxTags),
    tags.some((tag) => tag.length === 0 || tag.length > TIMELINE_LIMITS.maxTagLength)
      ? `Each tag must have 1 to ${TIMELINE_LIMITS.maxTagLength} characters.`
      : null,
    checkListSize(links, 'evidenceLinks', TIMELINE_LIMITS.maxEvidence),
    ...links.map(linkProblem),
  ];
  const found = problems.filter((problem): problem is string => problem !== null);
  if (found.length > 0) throw new BadUserInputError(found.join(' '), { problems: found });

  return {
    id: newEntryId(),
    occurredAt,
    createdAt: now,
    kind: input.kind,
    source: actor.kind === 'USER' ? 'PERSON' : 'INTEGRATION',
    author: {
      kind: actor.kind,
      id: actor.kind === 'USER' ? actor.userId : actor.tokenId,
      name: actor.name,
    },
    bodyText: input.body.trim(),
    pinned: input.pinned ?? false,
    tags: [...new Set(tags)],
    // The host as the default label: a URL can be longer than a label may be.
    evidence: links.map((link): EvidenceLink => ({
      url: link.url,
      label: link.label?.trim() || new URL(link.url).host,
    })),
  };
}

function linkProblem(link: EvidenceLinkInput): string | null {
  if (link.url.length > TIMELINE_LIMITS.maxUrlLength) {
    return `An evidence URL must be at most ${TIMELINE_LIMITS.maxUrlLength} characters.`;
  }
  if (!EVIDENCE_URL.test(link.url) || !URL.canParse(link.url)) {
    return 'Evidence links must be http or https URLs.';
  }
  if ((link.label?.length ?? 0) > TIMELINE_LIMITS.maxLabelLength) {
    return `An evidence label must be at most ${TIMELINE_LIMITS.maxLabelLength} characters.`;
  }
  return null;
}

/** What the audit record keeps of a new entry. */
function auditedEntry(entry: NewTimelineEntry): Record<string, unknown> {
  return {
    kind: entry.kind,
    occurredAt: new Date(entry.occurredAt).toISOString(),
    body: entry.bodyText,
    pinned: entry.pinned,
    tags: entry.tags,
    evidence: entry.evidence,
  };
}

/** The entry as its row will read, for the rare answer given before the row exists. */
function unprojectedEntry(
  entry: NewTimelineEntry & { id: string },
  incident: Incident,
  actor: Actor,
): TimelineEntry {
  const row = new TimelineEntry();
  const now = new Date();
  Object.assign(row, {
    incident,
    entryId: entry.id,
    organization: incident.organization,
    occurredAt: new Date(entry.occurredAt),
    writtenAt: new Date(entry.createdAt ?? now),
    kind: entry.kind,
    source: entry.source,
    author: { kind: actor.kind, id: entry.author.id, name: entry.author.name },
    body: entry.bodyText ?? '',
    pinned: entry.pinned ?? false,
    tags: [...(entry.tags ?? [])],
    evidence: [...(entry.evidence ?? [])],
    deleted: false,
    deletedAt: null,
    updatedAt: now,
  });
  return row;
}
