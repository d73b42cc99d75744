import { MAX_NAME_LENGTH } from '@keel/domain';
import { raw, type ObjectQuery } from '@mikro-orm/postgresql';
import { requirePermission } from '../../auth/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import {
  connectionFrom,
  isTimeCursor,
  pageRequest,
  type ConnectionShape,
  type PageArgs,
} from '../../graphql/relay.js';
import { rowReader } from '../../db/read-model.js';
import { NO_MATCH, keyOf } from '../../ids.js';
import type { IncidentFilter } from './incident.inputs.js';
import { User } from '../account/user.entity.js';
import { Automation } from '../automation/automation.entity.js';
import { IncidentRoleAssignment } from './incident-role-assignment.entity.js';
import { Incident } from './incident.entity.js';

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

    const pageWhere: ObjectQuery<Incident> = page.after
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

    const [rows, total] = await Promise.all([
      this.fetchPage(pageWhere, page.first + 1),
      withTotal ? this.ctx.em.count(Incident, where) : Promise.resolve(-1),
    ]);
    return connectionFrom(rows, page.first, (i) => [i.createdAt.toISOString(), i.id], total);
  }

  /**
   * Loads a page in one statement and primes the request's loaders with each incident's
   * automations and role holders, so the fields a board asks for need no further queries.
   */
  private async fetchPage(where: ObjectQuery<Incident>, limit: number): Promise<Incident[]> {
    const { em, loaders } = this.ctx;
    const metadata = em.getMetadata();
    const [readIncident, readAutomation, readAssignment, readUser] = [
      rowReader(metadata, Incident),
      rowReader(metadata, Automation),
      rowReader(metadata, IncidentRoleAssignment),
      rowReader(metadata, User),
    ];
    const rows = await em
      .createQueryBuilder(Incident, 'i')
      .select(['i.*', AUTOMATIONS_JSON, ROLES_JSON])
      .where(where)
      .orderBy({ createdAt: 'desc', id: 'desc' })
      .limit(limit)
      .execute<PageRow[]>('all', false);

    return rows.map(({ automations_json, roles_json, ...columns }) => {
      const incident = readIncident(columns);
      loaders.known.automationsOfIncident.set(incident.id, automations_json.map(readAutomation));
      loaders.known.currentRolesOfIncident.set(
        incident.id,
        roles_json.map(({ assignment, holder }) => {
          const user = readUser(holder);
          loaders.known.user.set(user.id, user);
          return readAssignment(assignment);
        }),
      );
      return incident;
    });
  }
}

/** A page row: the incident's columns plus its automations and role holders as JSON. */
type PageRow = Record<string, unknown> & {
  automations_json: Record<string, unknown>[];
  roles_json: { assignment: Record<string, unknown>; holder: Record<string, unknown> }[];
};

/**
 * The automations and current role holders of each incident, aggregated in the same statement
 * as the page, so a board costs one round trip whatever its size.
 */
const AUTOMATIONS_JSON = raw(`coalesce((
  select json_agg(to_jsonb(a) order by a.name)
    from incident_automation ia join automation a on a.id = ia.automation_id
   where ia.incident_id = i.id), '[]') as automations_json`);

const ROLES_JSON = raw(`coalesce((
  select json_agg(json_build_object(
           'assignment', to_jsonb(r),
           'holder', json_build_object('id', u.id, 'created_at', u.created_at,
                                       'email', u.email, 'name', u.name))
           order by r.role)
    from incident_role_assignment r join app_user u on u.id = r.holder_id
   where r.incident_id = i.id and r.ended_at is null), '[]') as roles_json`);

function whereOf(organizationId: string, filter: IncidentFilter | null | undefined) {
  const where: ObjectQuery<Incident> = { organization: organizationId };
  if (!filter) return where;

  if (filter.statuses?.length) where.status = { $in: filter.statuses };
  if (filter.severities?.length) where.severity = { $in: filter.severities };

  const created: { $gte?: Date; $lt?: Date } = {};
  if (filter.declaredAfter) created.$gte = filter.declaredAfter;
  if (filter.declaredBefore) created.$lt = filter.declaredBefore;
  if (Object.keys(created).length > 0) where.createdAt = created;

  const affecting: ObjectQuery<Incident>[] = [];
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
