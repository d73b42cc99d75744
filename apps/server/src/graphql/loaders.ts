import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { User } from '../modules/account/user.entity.js';
import { Automation } from '../modules/automation/automation.entity.js';
import { IncidentRoleAssignment } from '../modules/incident/incident-role-assignment.entity.js';
import { Team } from '../modules/team/team.entity.js';

/**
 * Batches the lookups that list fields make per row, so a page of incidents costs the same
 * number of statements whatever its size. One set per request: they cache what they load.
 */
export interface Loaders {
  user: DataLoader<string, User | null>;
  team: DataLoader<string, Team | null>;
  automationsOfIncident: DataLoader<string, Automation[]>;
  currentRolesOfIncident: DataLoader<string, IncidentRoleAssignment[]>;
  /**
   * Values a list query fetched together with its rows. Resolvers look here first: a value
   * returned without a promise lets graphql-js finish that part of the response synchronously.
   */
  known: {
    user: Map<string, User>;
    automationsOfIncident: Map<string, Automation[]>;
    currentRolesOfIncident: Map<string, IncidentRoleAssignment[]>;
  };
}

/** Creates the loaders for one request's EntityManager. */
export function createLoaders(em: EntityManager): Loaders {
  return {
    known: { user: new Map(), automationsOfIncident: new Map(), currentRolesOfIncident: new Map() },
    user: new DataLoader(async (ids) => byId(ids, await em.find(User, { id: { $in: [...ids] } }))),
    team: new DataLoader(async (ids) => byId(ids, await em.find(Team, { id: { $in: [...ids] } }))),

    automationsOfIncident: new DataLoader(async (incidentIds) => {
      const placeholders = incidentIds.map(() => '?').join(',');
      const rows = await em
        .getConnection()
        .execute<{ incident_id: string; automation_id: string }[]>(
          `select incident_id, automation_id from incident_automation
            where incident_id in (${placeholders})`,
          [...incidentIds],
        );
      const automations = await em.find(
        Automation,
        { id: { $in: [...new Set(rows.map((r) => r.automation_id))] } },
        { orderBy: { name: 'asc' } },
      );
      const automationById = new Map(automations.map((a) => [a.id, a]));

      return incidentIds.map((incidentId) =>
        rows
          .filter((row) => row.incident_id === incidentId)
          .map((row) => automationById.get(row.automation_id))
          .filter((a): a is Automation => a !== undefined)
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
    }),

    currentRolesOfIncident: new DataLoader(async (incidentIds) => {
      const assignments = await em.find(
        IncidentRoleAssignment,
        { incident: { $in: [...incidentIds] }, endedAt: null },
        { orderBy: { role: 'asc' } },
      );
      return incidentIds.map((id) => assignments.filter((a) => a.incident.id === id));
    }),
  };
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}
