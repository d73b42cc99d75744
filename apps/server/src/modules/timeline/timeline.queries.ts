import { TIMELINE_ENTRY_KINDS } from '@keel/collab';
import { checkListSize } from '@keel/domain';
import type { ObjectQuery } from '@mikro-orm/postgresql';
import { requirePermission } from '../../auth/actor.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import type { RequestContext } from '../../graphql/context.js';
import {
  connectionFrom,
  pageRequest,
  type ConnectionShape,
  type PageArgs,
} from '../../graphql/relay.js';
import type { Incident } from '../incident/incident.entity.js';
import { TimelineEntry } from './timeline-entry.entity.js';
import type { TimelineFilter, TimelineOrder } from './timeline.inputs.js';

/** A timeline cursor: the entry's `occurredAt` as ISO-8601, then its id. */
type EntryCursor = [string, string];

function isEntryCursor(value: unknown): value is EntryCursor {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    !Number.isNaN(Date.parse(value[0])) &&
    typeof value[1] === 'string' &&
    /^[A-Za-z0-9_-]{1,64}$/.test(value[1])
  );
}

/** Reads projected timeline entries of the caller's organisation. */
export class TimelineQueries {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * A page of an incident's entries in the order they happened, then by id; from the latest
   * backwards with `NEWEST_FIRST`.
   */
  async list(
    incident: Incident,
    filter: TimelineFilter | null | undefined,
    args: PageArgs,
    withTotal: boolean,
    order: TimelineOrder = 'OLDEST_FIRST',
  ): Promise<ConnectionShape<TimelineEntry>> {
    const actor = requirePermission(this.ctx.actor, 'read');
    const page = pageRequest(args, isEntryCursor);
    const where = whereOf(incident.id, actor.organizationId, filter);
    const direction = order === 'NEWEST_FIRST' ? 'desc' : 'asc';
    const beyond = direction === 'desc' ? '$lt' : '$gt';

    const pageWhere: ObjectQuery<TimelineEntry> = page.after
      ? {
          $and: [
            where,
            {
              $or: [
                { occurredAt: { [beyond]: new Date(page.after[0]) } },
                { occurredAt: new Date(page.after[0]), entryId: { [beyond]: page.after[1] } },
              ],
            },
          ],
        }
      : where;

    const [rows, total] = await Promise.all([
      this.ctx.em.find(TimelineEntry, pageWhere, {
        orderBy: { occurredAt: direction, entryId: direction },
        limit: page.first + 1,
      }),
      withTotal ? this.ctx.em.count(TimelineEntry, where) : Promise.resolve(-1),
    ]);
    return connectionFrom(rows, page.first, (e) => [e.occurredAt.toISOString(), e.entryId], total);
  }
}

function whereOf(
  incidentId: string,
  organizationId: string,
  filter: TimelineFilter | null | undefined,
): ObjectQuery<TimelineEntry> {
  const problem = checkListSize(filter?.kinds ?? [], 'kinds', TIMELINE_ENTRY_KINDS.length);
  if (problem) throw new BadUserInputError(problem);

  const where: ObjectQuery<TimelineEntry> = { incident: incidentId, organization: organizationId };
  if (!filter?.includeDeleted) where.deleted = false;
  if (!filter) return where;

  if (filter.kinds?.length) where.kind = { $in: filter.kinds };
  if (filter.source) where.source = filter.source;
  if (filter.pinned !== null && filter.pinned !== undefined) where.pinned = filter.pinned;

  const occurred: { $gte?: Date; $lt?: Date } = {};
  if (filter.occurredAfter) occurred.$gte = filter.occurredAfter;
  if (filter.occurredBefore) occurred.$lt = filter.occurredBefore;
  if (Object.keys(occurred).length > 0) where.occurredAt = occurred;
  return where;
}
