import { MAX_NAME_LENGTH } from '@keel/domain';
import { requirePermission } from '../../auth/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import {
  connectionFrom,
  isTimeCursor,
  pageRequest,
  type ConnectionShape,
  type PageArgs,
} from '../../graphql/relay.js';
import { queryPrepared } from '../../db/prepared.js';
import { rowReader, tupleReader } from '../../db/read-model.js';
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
    const matching = conditionOf(actor.organizationId, filter);

    const onPage = page.after
      ? and(matching, {
          sql: '(i.created_at < ? or (i.created_at = ? and i.id < ?))',
          params: [new Date(page.after[0]), new Date(page.after[0]), page.after[1]],
        })
      : matching;

    const [rows, total] = await Promise.all([
      this.fetchPage(onPage, page.first + 1),
      withTotal ? this.count(matching) : Promise.resolve(-1),
    ]);
    return connectionFrom(rows, page.first, (i) => [i.createdAt.toISOString(), i.id], total);
  }

  /**
   * Loads a page in one statement and primes the request's loaders with each incident's
   * automations and role holders, so the fields a board asks for need no further queries.
   */
  private async fetchPage(where: Condition, limit: number): Promise<Incident[]> {
    const { em, loaders } = this.ctx;
    const metadata = em.getMetadata();
    const [readIncident, readUser] = [rowReader(metadata, Incident), rowReader(metadata, User)];
    const tuples = {
      assignment: tupleReader(metadata, IncidentRoleAssignment),
      automation: tupleReader(metadata, Automation),
    };
    const rows = await queryPrepared<PageRow>(
      em,
      pageSql(where, tuples.assignment.columns, tuples.automation.columns),
      [...where.params, limit],
    );

    // The page's automations come once, sorted by name; their rank orders each incident's list.
    const named = rows[0]?.page_json ?? { automations: [], users: [] };
    const automations = new Map<string, RankedAutomation>();
    named.automations.forEach((values, rank) => {
      const automation = tuples.automation.read(values);
      automations.set(automation.id, { rank, automation });
    });
    for (const row of named.users) loaders.known.user.set(row.id, readUser(row));

    // A reader takes only its entity's columns, so the row goes in as it came.
    return rows.map((row) => {
      const incident = readIncident(row);
      loaders.known.automationsOfIncident.set(
        incident.id,
        inNameOrder(row.automation_ids, automations),
      );
      loaders.known.currentRolesOfIncident.set(
        incident.id,
        row.roles_json.map(tuples.assignment.read),
      );
      return incident;
    });
  }

  private async count(where: Condition): Promise<number> {
    const [row] = await this.ctx.em
      .getConnection()
      .execute<{ count: string }[]>(`select count(*) as count from incident i where ${where.sql}`, [
        ...where.params,
      ]);
    return Number(row?.count ?? 0);
  }
}

/** A page row: the incident's columns, its automations' ids and its current role stints. */
type PageRow = Record<string, unknown> & {
  automation_ids: string[];
  /** Each current role stint as an array of the assignment's columns. */
  roles_json: unknown[][];
  /** On the first row only: every automation and role holder the page names, once each. */
  page_json: { automations: unknown[][]; users: Row[] } | null;
};

type Row = Record<string, unknown> & { id: string };

/** An automation of the page and its place among them by name. */
interface RankedAutomation {
  rank: number;
  automation: Automation;
}

/** The automations named by `ids`, in the order of their rank (by name). */
function inNameOrder(ids: string[], named: Map<string, RankedAutomation>): Automation[] {
  const found = ids.flatMap((id) => named.get(id) ?? []);
  if (found.length > 1) found.sort((a, b) => a.rank - b.rank);
  return found.map((entry) => entry.automation);
}

/**
 * A page with its automations and current role holders, in one statement whatever its size.
 *
 * Rows name automations and holders by id, and each is sent once, with the first row: a board
 * names the same few on many rows, and sending them per row doubled the bytes to parse. A row's
 * automation ids come unsorted: the page's automations are sorted by name once, in the
 * database's collation, and {@link inNameOrder} applies that order. A row's current role stints
 * and the page's automations come as arrays of their columns ({@link tupleReader}), without
 * the columns' names. Sorting each row's ids in SQL (a join per row) made PostgreSQL spend more
 * CPU time on the statement.
 */
function pageSql(
  where: Condition,
  assignmentColumns: readonly string[],
  automationColumns: readonly string[],
): string {
  const assignment = assignmentColumns.map((column) => `r.${column}`).join(', ');
  const automation = automationColumns.map((column) => `a.${column}`).join(', ');
  return `with page as (
    select i.* from incident i where ${where.sql}
     order by i.created_at desc, i.id desc limit ?
  )
  select p.*,
    coalesce((select json_agg(ia.automation_id) from incident_automation ia
               where ia.incident_id = p.id), '[]') as automation_ids,
    coalesce((select json_agg(json_build_array(${assignment}) order by r.role)
                from incident_role_assignment r
               where r.incident_id = p.id and r.ended_at is null), '[]') as roles_json,
    case when row_number() over (order by p.created_at desc, p.id desc) = 1 then json_build_object(
      'automations', (select coalesce(json_agg(json_build_array(${automation}) order by a.name),
                               '[]') from automation a
                       where a.id in (select ia.automation_id from incident_automation ia
                                       where ia.incident_id in (select id from page))),
      'users', (select coalesce(json_agg(json_build_object('id', u.id, 'created_at', u.created_at,
                                                           'email', u.email, 'name', u.name)), '[]')
                  from app_user u
                 where u.id in (select r.holder_id from incident_role_assignment r
                                 where r.incident_id in (select id from page)
                                   and r.ended_at is null)))
    end as page_json
  from page p
  order by p.created_at desc, p.id desc`;
}

/**
 * A condition on `incident i`, with its parameters in the order of their placeholders. The list
 * is written in SQL rather than through the query builder, which spent a fifth of a millisecond
 * per page composing the same text.
 */
interface Condition {
  sql: string;
  params: unknown[];
}

function and(...conditions: Condition[]): Condition {
  return {
    sql: conditions.map((c) => c.sql).join(' and '),
    params: conditions.flatMap((c) => c.params),
  };
}

function oneOf(column: string, values: readonly unknown[]): Condition {
  return { sql: `${column} in (${values.map(() => '?').join(', ')})`, params: [...values] };
}

/** The incidents of an organisation that a filter selects. */
function conditionOf(organizationId: string, filter: IncidentFilter | null | undefined) {
  const conditions: Condition[] = [{ sql: 'i.organization_id = ?', params: [organizationId] }];
  if (!filter) return and(...conditions);

  if (filter.statuses?.length) conditions.push(oneOf('i.status', filter.statuses));
  if (filter.severities?.length) conditions.push(oneOf('i.severity', filter.severities));
  if (filter.declaredAfter) {
    conditions.push({ sql: 'i.created_at >= ?', params: [filter.declaredAfter] });
  }
  if (filter.declaredBefore) {
    conditions.push({ sql: 'i.created_at < ?', params: [filter.declaredBefore] });
  }

  if (filter.automationId) {
    conditions.push({
      sql: `exists (select 1 from incident_automation ia
                     where ia.incident_id = i.id and ia.automation_id = ?)`,
      params: [keyOf(filter.automationId, 'Automation') ?? NO_MATCH],
    });
  }
  if (filter.ownerTeamId) {
    conditions.push({
      sql: `exists (select 1 from incident_automation ia
                      join automation a on a.id = ia.automation_id
                     where ia.incident_id = i.id and a.owner_team_id = ?)`,
      params: [keyOf(filter.ownerTeamId, 'Team') ?? NO_MATCH],
    });
  }

  const search = filter.search?.trim().slice(0, MAX_NAME_LENGTH);
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push({ sql: '(i.title ilike ? or i.summary ilike ?)', params: [pattern, pattern] });
  }
  return and(...conditions);
}
