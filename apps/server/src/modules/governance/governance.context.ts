import type { ApprovalPolicyDocument, PlaybookDocument } from '@keel/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { keyOf, toGlobalId } from '../../ids.js';
import { Membership } from '../account/membership.entity.js';
import { TeamMember } from '../team/team-member.entity.js';
import { Team } from '../team/team.entity.js';
import { ApprovalPolicyVersion } from './approval-policy.entity.js';

/**
 * Lookups the governance services share: the policy in force, team references inside
 * documents, and what the approval rules need to know about reviewers.
 *
 * Documents name teams by the same opaque ids the API hands out, because their authors only
 * know those; the helpers here translate them to database keys and back.
 */

/** The organisation's newest approval policy version. */
export async function currentPolicy(
  em: EntityManager,
  organizationId: string,
): Promise<ApprovalPolicyVersion> {
  const policy = await em.findOne(
    ApprovalPolicyVersion,
    { organization: organizationId },
    { orderBy: { number: 'desc' } },
  );

  // Every organisation gets version 1 when it is created; its absence is a broken database.
  if (!policy) throw new Error(`organisation ${organizationId} has no approval policy`);
  return policy;
}

/** Every team a playbook document names: its owner and its escalation targets. */
export function teamsNamedByPlaybook(document: PlaybookDocument): string[] {
  const escalationTeams = document.modules.flatMap((module) =>
    module.escalations.map((rule) => rule.specialistTeamId),
  );
  return [...new Set([document.ownerTeamId, ...escalationTeams])];
}

/** Every team a policy names in its TEAM selectors. */
export function teamsNamedByPolicy(document: ApprovalPolicyDocument): string[] {
  const teams = document.rules.flatMap((rule) =>
    rule.requirements.flatMap((requirement) =>
      requirement.from.kind === 'TEAM' ? [requirement.from.teamId] : [],
    ),
  );
  return [...new Set(teams)];
}

/**
 * Resolves team ids named in a document to database keys, refusing the document when one
 * names no team of the organisation. Another organisation's team reads as missing.
 */
export async function requireTeams(
  em: EntityManager,
  organizationId: string,
  teamIds: readonly string[],
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const unknown: string[] = [];
  for (const id of teamIds) {
    const key = keyOf(id, 'Team');
    if (key) keys.set(id, key);
    else unknown.push(id);
  }

  const found = await em.find(Team, { id: [...keys.values()], organization: organizationId });
  const foundKeys = new Set(found.map((team) => team.id));
  for (const [id, key] of keys) {
    if (!foundKeys.has(key)) unknown.push(id);
  }

  if (unknown.length > 0) {
    throw new BadUserInputError(`The document names teams that do not exist: ${unknown}.`, {
      problems: unknown.map((id) => ({ path: '', message: `No team has the id ${id}.` })),
    });
  }
  return keys;
}

/** Team membership and admin role of each user, keyed by user key, for approval rules. */
export async function reviewerFacts(
  em: EntityManager,
  organizationId: string,
  userIds: readonly string[],
): Promise<Map<string, { teamIds: string[]; isAdmin: boolean }>> {
  const facts = new Map<string, { teamIds: string[]; isAdmin: boolean }>();
  if (userIds.length === 0) return facts;

  // One after another: callers may be inside a transaction, on a single connection.
  const memberships = await em.find(Membership, {
    organization: organizationId,
    user: [...userIds],
  });
  const teamMemberships = await em.find(TeamMember, {
    organization: organizationId,
    user: [...userIds],
  });
  for (const membership of memberships) {
    facts.set(membership.user.id, { teamIds: [], isAdmin: membership.role === 'ADMIN' });
  }
  for (const member of teamMemberships) {
    facts.get(member.user.id)?.teamIds.push(toGlobalId('Team', member.team.id));
  }
  return facts;
}
