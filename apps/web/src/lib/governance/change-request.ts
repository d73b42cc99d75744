/** What the change-request page works out from the request it loaded. */
import { isJsonObject } from '@keel/domain';
import type { ChangeRequestQuery, ChangeRequestState } from '$lib/graphql/generated/graphql';
import { ACTIVE_STATES } from './labels';

/** The change request as its page loads it. */
export type LoadedChangeRequest = NonNullable<ChangeRequestQuery['changeRequest']>;

/** A review thread as loaded. */
export type LoadedThread = LoadedChangeRequest['threads'][number];

/** Whether the request still awaits something: not merged, rejected or withdrawn. */
export function isActive(state: ChangeRequestState): boolean {
  return ACTIVE_STATES.includes(state);
}

/** Names for user ids, in the order given; an id nobody has is shown as "a former member". */
export function namesOf(ids: readonly string[], people: ReadonlyMap<string, string>): string[] {
  return ids.map((id) => nameOf(id, people));
}

/** The name of user `id`, or "a former member" when nobody has it any more. */
export function nameOf(id: string, people: ReadonlyMap<string, string>): string {
  return people.get(id) ?? 'a former member';
}

/** "Ada", "Ada and Ben", "Ada, Ben and Chloé". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Threads whose path is not a line of the current diff, so they are shown on their own. */
export function threadsOffDiff(
  threads: readonly LoadedThread[],
  diffPaths: ReadonlySet<string>,
): LoadedThread[] {
  return threads.filter((thread) => !diffPaths.has(thread.path));
}

/** Each reviewer's latest review of the current revision, in the order they reviewed. */
export function currentVerdicts<T extends { reviewerId: string; revision: number }>(
  reviews: readonly T[],
  revision: number,
): T[] {
  const latest = new Map<string, T>();

  for (const review of reviews) {
    if (review.revision !== revision) continue;
    latest.delete(review.reviewerId);
    latest.set(review.reviewerId, review);
  }

  return [...latest.values()];
}

/** A team with its members' ids, as the change-request page loads teams. */
export interface TeamWithMembers {
  id: string;
  name: string;
  members: readonly { id: string }[];
}

/** A member of the organisation with their role. */
export interface Person {
  id: string;
  name: string;
  role: string;
}

/** Who may count towards one requirement, in words and by name. */
export interface Eligible {
  /** "Members of E-commerce Operations", "Admins". */
  group: string;
  /** The people in that group other than the author, by name. */
  names: string[];
}

/**
 * Who may approve towards requirement `requirementId` of the rule for `level` in `policy`
 * (an ApprovalPolicyDocument as JSON). The author never counts. Null when the policy in force
 * has no such requirement, as after the policy changed.
 */
export function eligibleApprovers(
  policy: unknown,
  level: string,
  requirementId: string,
  context: {
    ownerTeamId: string | null;
    authorId: string;
    teams: readonly TeamWithMembers[];
    people: readonly Person[];
  },
): Eligible | null {
  const rules = isJsonObject(policy) && Array.isArray(policy.rules) ? policy.rules : [];
  const rule = rules.find((candidate) => isJsonObject(candidate) && candidate.riskLevel === level);
  const requirements =
    isJsonObject(rule) && Array.isArray(rule.requirements) ? rule.requirements : [];
  const requirement = requirements.find(
    (candidate) => isJsonObject(candidate) && candidate.id === requirementId,
  );
  const from = isJsonObject(requirement) ? requirement.from : null;

  if (!isJsonObject(from)) return null;

  const others = (ids: ReadonlySet<string>) =>
    context.people
      .filter((person) => ids.has(person.id) && person.id !== context.authorId)
      .map((person) => person.name);

  if (from.kind === 'ADMIN') {
    const admins = context.people.filter((person) => person.role === 'ADMIN');
    return { group: 'Admins', names: others(new Set(admins.map((person) => person.id))) };
  }

  const teamId = from.kind === 'OWNER_TEAM' ? context.ownerTeamId : from.teamId;
  const team = context.teams.find((candidate) => candidate.id === teamId);

  if (!team) return { group: 'The owner team (none yet)', names: [] };

  return {
    group: `Members of ${team.name}`,
    names: others(new Set(team.members.map((member) => member.id))),
  };
}
