import { MAX_NAME_LENGTH } from '@keel/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { requirePermission } from '../../auth/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import {
  connectionFrom,
  isTimeCursor,
  pageRequest,
  type ConnectionShape,
  type PageArgs,
} from '../../graphql/relay.js';
import { keyOf } from '../../ids.js';
import type { IncidentFilter } from './incident.inputs.js';
import { Incident } from './incident.entity.js';

/** A UUID no row has, so a filter naming something unknown matches nothing. */
const NO_MATCH = '00000000-0000-0000-0000-000000000000';

/** Reads incidents of the caller's organisation. */
export class IncidentQueries {
  constructor(private readonly ctx: RequestContext) {}

  /** One incident, or null when missing or another organisation's. */
  async get(id: string): Promise<Incident | null> {
    const actor = requirePermission(this.ctx.actor, 'read');
    const key = keyOf(id, 'Incident');
    if (!key) return null;
    return this.ctx.em.findOne(Incident, { id: key, organization: actor.organizationId });
  }

  /** A page of incidents, newest declared first. */
  async list(
    filter: IncidentFilter | null | undefined,
    args: PageArgs,
    withTotal: boolean,
  ): Promise<ConnectionShape<Incident>> {
    const actor = requirePermission(this.ctx.actor, 'read');
    const page = pageRequest(args, isTimeCursor);
    const where = whereOf(actor.organizationId, filter);

    const pageWhere: FilterQuery<Incident> = page.after
      ? {
          $and: [
            where,
            {
              $or: [
                { createdAt: { $lt: new Date(page.after[0]) } },
                { createdAt: new Date(page.after[0]), id: { $lt: page.after[1] } },
              ],
            },
          ],
        }
      : where;

    const em = this.ctx.em;
    const [rows, total] = await Promise.all([
      em.find(Incident, pageWhere, {
        orderBy: { createdAt: 'desc', id: 'desc' },
        limit: page.first + 1,
      }),
      withTotal ? em.count(Incident, where) : Promise.resolve(-1),
    ]);
    return connectionFrom(rows, page.first, (i) => [i.createdAt.toISOString(), i.id], total);
  }
}

function whereOf(organizationId: string, filter: IncidentFilter | null | undefined) {
  const where: FilterQuery<Incident> = { organization: organizationId };
  if (!filter) return where;

  if (filter.statuses?.length) where.status = { $in: filter.statuses };
  if (filter.severities?.length) where.severity = { $in: filter.severities };

  const created: { $gte?: Date; $lt?: Date } = {};
  if (filter.declaredAfter) created.$gte = filter.declaredAfter;
  if (filter.declaredBefore) created.$lt = filter.declaredBefore;
  if (Object.keys(created).length > 0) where.createdAt = created;

  const affecting: FilterQuery<Incident>[] = [];
  if (filter.automationId) {
    const id = keyOf(filter.automationId, 'Automation') ?? NO_MATCH;
    affecting.push({ automations: { $some: { id } } });
  }
  if (filter.ownerTeamId) {
    const ownerTeam = keyOf(filter.ownerTeamId, 'Team') ?? NO_MATCH;
    affecting.push({ automations: { $some: { ownerTeam } } });
  }
  if (affecting.length > 0) where.$and = affecting;

  const search = filter.search?.trim().slice(0, MAX_NAME_LENGTH);
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.$or = [{ title: { $ilike: pattern } }, { summary: { $ilike: pattern } }];
  }
  return where;
}
