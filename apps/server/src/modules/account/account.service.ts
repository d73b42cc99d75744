import {
  DEFAULT_APPROVAL_POLICY,
  MAX_NAME_LENGTH,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  MEMBERSHIP_ROLES,
  checkText,
  type MembershipRole,
} from '@keel/domain';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, requireUser, type Actor } from '../../auth/actor.js';
import { hashPassword, newSecret, passwordMatches, secretDigest } from '../../auth/secrets.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { ConflictError } from '../../errors/conflict-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { UnauthenticatedError } from '../../errors/unauthenticated-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { keyOf } from '../../ids.js';
import { ApiToken } from '../api-token/api-token.entity.js';
import { GRANTABLE_SCOPES } from '../api-token/api-token.resolver.js';
import { appendAudit, auditChange } from '../audit/audit.service.js';
import { ApprovalPolicyVersion } from '../governance/approval-policy.entity.js';
import type { AddMemberInput, SignInInput, SignUpInput } from './account.inputs.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

/** How long a browser session lasts. */
export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Verified against when the email is unknown, so a wrong email takes as long as a wrong password
 * and response times do not reveal who has an account.
 */
const DECOY_HASH_PROMISE = hashPassword(newSecret());

/** A session just opened, with what the client needs to show. */
export interface OpenedSession {
  user: User;
  organization: Organization;
  membership: Membership;
  memberships: Membership[];
  expiresAt: Date;
}

/** Sign-up, sign-in, sessions and membership administration. */
export class AccountService {
  constructor(private readonly ctx: RequestContext) {}

  /** Creates an organisation with its first user as admin, and signs that user in. */
  async signUp(input: SignUpInput): Promise<OpenedSession> {
    const email = normaliseEmail(input.email);
    const problems = [
      checkText(input.organizationName, {
        field: 'organizationName',
        max: MAX_NAME_LENGTH,
        required: true,
      }),
      checkText(input.name, { field: 'name', max: MAX_NAME_LENGTH, required: true }),
      emailProblem(email),
      passwordProblem(input.password),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) throw new BadUserInputError(problems.join(' '), { problems });

    const passwordHash = await hashPassword(input.password);
    const { user, membership } = await inTransaction(this.ctx.em, async (em) => {
      if (await em.count(User, { email })) {
        throw new ConflictError('An account with this email exists; sign in instead.');
      }

      const organization = em.create(Organization, {
        name: input.organizationName.trim(),
        slug: await freeSlug(em, input.organizationName),
      });
      const user = em.create(User, { email, name: input.name.trim(), passwordHash });
      const membership = em.create(Membership, { organization, user, role: 'ADMIN' });
      // Every organisation starts governed; admins change the policy by change request.
      em.create(ApprovalPolicyVersion, {
        organization,
        number: 1,
        document: DEFAULT_APPROVAL_POLICY,
      });
      await em.flush();

      await appendAudit(em, {
        organizationId: organization.id,
        actor: { kind: 'USER', id: user.id, name: user.name },
        action: 'organization.create',
        targetType: 'Organization',
        targetId: organization.id,
        changes: { name: { before: null, after: organization.name } },
        requestId: this.ctx.requestId,
      });
      return { user, membership };
    });

    return this.openSession(user, membership);
  }

  /** Checks credentials and opens a session in the chosen (or the oldest) organisation. */
  async signIn(input: SignInInput): Promise<OpenedSession> {
    const em = this.ctx.em;
    const user = await em.findOne(
      User,
      { email: normaliseEmail(input.email) },
      { populate: ['passwordHash'] },
    );

    const valid = user
      ? await passwordMatches(user.passwordHash, input.password)
      : await passwordMatches(await DECOY_HASH_PROMISE, input.password).then(() => false);
    if (!user || !valid) throw new UnauthenticatedError('The email or password is wrong.');

    const organizationKey = input.organizationId
      ? keyOf(input.organizationId, 'Organization')
      : null;
    const membership = await em.findOne(
      Membership,
      organizationKey ? { user, organization: organizationKey } : { user },
      { orderBy: { createdAt: 'asc' }, populate: ['organization'] },
    );
    if (!membership) {
      throw input.organizationId
        ? new NotFoundError('You are not a member of that organisation.')
        : new UnauthenticatedError('This account belongs to no organisation any more.');
    }

    return this.openSession(user, membership);
  }

  /** Ends the caller's session and clears the cookie. */
  async signOut(): Promise<boolean> {
    const actor = this.ctx.actor;
    this.ctx.cookies?.clear();
    if (actor?.kind !== 'USER') return false;

    await this.ctx.em.nativeUpdate(Session, { id: actor.sessionId }, { revokedAt: new Date() });
    this.ctx.pubSub.publish('credentialRevoked', {
      organizationId: actor.organizationId,
      sessionId: actor.sessionId,
    });
    return true;
  }

  /** Moves the caller's session to another organisation they belong to. */
  async switchOrganization(organizationId: string): Promise<OpenedSession> {
    const actor = requireUser(this.ctx.actor);
    const em = this.ctx.em;

    const key = keyOf(organizationId, 'Organization');
    const membership = key
      ? await em.findOne(
          Membership,
          { user: actor.userId, organization: key },
          { populate: ['organization', 'user'] },
        )
      : null;
    if (!membership) throw new NotFoundError('You are not a member of that organisation.');

    await em.nativeUpdate(Session, { id: actor.sessionId }, { revokedAt: new Date() });
    this.ctx.pubSub.publish('credentialRevoked', {
      organizationId: actor.organizationId,
      sessionId: actor.sessionId,
    });
    return this.openSession(membership.user, membership);
  }

  /** The organisations the signed-in person belongs to. */
  async membershipsOf(userId: string): Promise<Membership[]> {
    return this.ctx.em.find(
      Membership,
      { user: userId },
      { populate: ['organization'], orderBy: { createdAt: 'asc' } },
    );
  }

  /** Adds a member (creating the account when new); admins only. */
  async addMember(input: AddMemberInput): Promise<Membership> {
    const actor = requirePermission(this.ctx.actor, 'admin');
    const email = normaliseEmail(input.email);
    const problems = [emailProblem(email), roleProblem(input.role)].filter(
      (p): p is string => p !== null,
    );
    if (problems.length > 0) throw new BadUserInputError(problems.join(' '), { problems });

    const existing = await this.ctx.em.findOne(User, { email });
    let passwordHash: string | null = null;
    if (!existing) {
      const newcomerProblems = [
        checkText(input.name ?? '', { field: 'name', max: MAX_NAME_LENGTH, required: true }),
        passwordProblem(input.initialPassword ?? '', 'initialPassword'),
      ].filter((p): p is string => p !== null);
      if (newcomerProblems.length > 0) {
        throw new BadUserInputError(newcomerProblems.join(' '), { problems: newcomerProblems });
      }
      passwordHash = await hashPassword(input.initialPassword!);
    }

    return inTransaction(this.ctx.em, async (em) => {
      const user =
        existing ??
        em.create(User, { email, name: input.name!.trim(), passwordHash: passwordHash! });
      if (existing && (await em.count(Membership, { user, organization: actor.organizationId }))) {
        throw new ConflictError(`${email} is already a member.`);
      }

      const membership = em.create(Membership, {
        organization: actor.organizationId,
        user,
        role: input.role,
      });
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'membership.add',
        targetType: 'Membership',
        targetId: membership.id,
        changes: {
          email: { before: null, after: email },
          role: { before: null, after: input.role },
        },
      });
      return membership;
    });
  }

  /**
   * Changes a member's role; the organisation always keeps at least one admin. Tokens the member
   * created with scopes the new role could not grant are revoked, or a demoted admin would keep
   * administering through them.
   */
  async changeMemberRole(membershipId: string, role: MembershipRole): Promise<Membership> {
    const actor = requirePermission(this.ctx.actor, 'admin');
    const problem = roleProblem(role);
    if (problem) throw new BadUserInputError(problem);

    const { membership, tokenIds } = await inTransaction(this.ctx.em, async (em) => {
      const membership = await this.lockMembership(em, actor, membershipId);
      const before = membership.role;
      if (before === role) return { membership, tokenIds: null };

      if (before === 'ADMIN') await assertAnotherAdmin(em, actor.organizationId, membership.id);
      membership.role = role;
      const tokenIds = await revokeTokens(em, membership, (token) =>
        token.scopes.some((scope) => !GRANTABLE_SCOPES[role].includes(scope)),
      );
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'membership.change_role',
        targetType: 'Membership',
        targetId: membership.id,
        changes: {
          role: { before, after: role },
          ...(tokenIds.length > 0 && { revokedApiTokens: { before: null, after: tokenIds } }),
        },
      });
      return { membership, tokenIds };
    });

    if (tokenIds) {
      this.publishRevoked(actor.organizationId, { userId: membership.user.id, tokenIds });
    }
    return membership;
  }

  /**
   * Removes a member; their sessions and the API tokens they created in this organisation end
   * at once. The tokens are revoked, not just left unusable, so that adding the person back
   * later does not revive them with scopes their new role may not allow.
   */
  async removeMember(membershipId: string): Promise<boolean> {
    const actor = requirePermission(this.ctx.actor, 'admin');

    const revoked = await inTransaction(this.ctx.em, async (em) => {
      const membership = await this.lockMembership(em, actor, membershipId);
      if (membership.role === 'ADMIN') {
        await assertAnotherAdmin(em, actor.organizationId, membership.id);
      }

      const sessions = await em.find(Session, {
        user: membership.user,
        organization: actor.organizationId,
        revokedAt: null,
      });
      sessions.forEach((session) => (session.revokedAt = new Date()));
      const tokenIds = await revokeTokens(em, membership, () => true);
      em.remove(membership);
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'membership.remove',
        targetType: 'Membership',
        targetId: membership.id,
        changes: {
          role: { before: membership.role, after: null },
          ...(tokenIds.length > 0 && { revokedApiTokens: { before: null, after: tokenIds } }),
        },
      });
      return {
        userId: membership.user.id,
        sessionIds: sessions.map((session) => session.id),
        tokenIds,
      };
    });

    this.publishRevoked(actor.organizationId, revoked);
    return true;
  }

  /**
   * Announces that a member's role changed or they left, so that every process looks their
   * credentials up anew, and names the sessions and tokens that ended, so that sockets using
   * them close.
   */
  private publishRevoked(
    organizationId: string,
    revoked: { userId: string; sessionIds?: string[]; tokenIds: string[] },
  ) {
    this.ctx.pubSub.publish('credentialRevoked', { organizationId, userId: revoked.userId });
    for (const sessionId of revoked.sessionIds ?? []) {
      this.ctx.pubSub.publish('credentialRevoked', { organizationId, sessionId });
    }
    for (const tokenId of revoked.tokenIds) {
      this.ctx.pubSub.publish('credentialRevoked', { organizationId, tokenId });
    }
  }

  private async lockMembership(em: EntityManager, actor: Actor, membershipId: string) {
    // Role changes and removals in one organisation take turns on its row. Each checks that
    // another admin remains; two admins demoting each other at once would otherwise both pass
    // and leave the organisation with none.
    await em.findOneOrFail(Organization, actor.organizationId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });

    const key = keyOf(membershipId, 'Membership');
    const membership = key
      ? await em.findOne(
          Membership,
          { id: key, organization: actor.organizationId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        )
      : null;
    if (!membership) throw new NotFoundError('No such member.');
    return membership;
  }

  private async openSession(user: User, membership: Membership): Promise<OpenedSession> {
    const em = this.ctx.em;
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);

    em.create(Session, {
      secretHash: secretDigest(secret),
      user,
      organization: membership.organization,
      expiresAt,
    });
    await em.flush();
    this.ctx.cookies?.set(secret, expiresAt);

    const organization = await em.findOneOrFail(Organization, membership.organization.id);
    return {
      user,
      organization,
      membership,
      memberships: await this.membershipsOf(user.id),
      expiresAt,
    };
  }
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function emailProblem(email: string): string | null {
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) return 'email is not a valid address.';
  return null;
}

function passwordProblem(password: string, field = 'password'): string | null {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return `${field} must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`;
  }
  return null;
}

function roleProblem(role: string): string | null {
  return (MEMBERSHIP_ROLES as readonly string[]).includes(role) ? null : 'role is not valid.';
}

async function assertAnotherAdmin(em: EntityManager, organizationId: string, exceptId: string) {
  const admins = await em.count(Membership, {
    organization: organizationId,
    role: 'ADMIN',
    id: { $ne: exceptId },
  });
  if (admins === 0) throw new ConflictError('The organisation must keep at least one admin.');
}

/** Revokes the unrevoked tokens the member created in their organisation that match. */
async function revokeTokens(
  em: EntityManager,
  membership: Membership,
  matches: (token: ApiToken) => boolean,
): Promise<string[]> {
  const tokens = await em.find(ApiToken, {
    createdBy: membership.user,
    organization: membership.organization,
    revokedAt: null,
  });
  const revoked = tokens.filter(matches);
  revoked.forEach((token) => (token.revokedAt = new Date()));
  return revoked.map((token) => token.id);
}

async function freeSlug(em: EntityManager, name: string): Promise<string> {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'org';
  if (!(await em.count(Organization, { slug: base }))) return base;
  return `${base}-${newSecret()
    .slice(0, 6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
}
