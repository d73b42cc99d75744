import type { MembershipRole, TokenScope } from '@keel/domain';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import { ActorStamp } from '../modules/actor/actor-stamp.js';

/** A signed-in person, acting in the organisation their session has selected. */
export interface UserActor {
  kind: 'USER';
  userId: string;
  name: string;
  organizationId: string;
  role: MembershipRole;
  sessionId: string;
}

/** A third party presenting an API token. */
export interface TokenActor {
  kind: 'TOKEN';
  tokenId: string;
  name: string;
  organizationId: string;
  scopes: readonly TokenScope[];
  createdByUserId: string;
}

/** Whoever made a request, or null when nobody signed in. */
export type Actor = UserActor | TokenActor;

/** What an operation needs: to read, to change incidents and the catalog, or to administer. */
export type Permission = 'read' | 'write' | 'admin';

const ROLE_PERMISSIONS: Record<MembershipRole, readonly Permission[]> = {
  VIEWER: ['read'],
  RESPONDER: ['read', 'write'],
  ADMIN: ['read', 'write', 'admin'],
};

const SCOPE_PERMISSIONS: Record<TokenScope, readonly Permission[]> = {
  READ: ['read'],
  WRITE: ['read', 'write'],
  ADMIN: ['read', 'write', 'admin'],
};

/** Whether the actor's role or token scopes grant a permission. */
export function permits(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'USER') return ROLE_PERMISSIONS[actor.role].includes(permission);
  return actor.scopes.some((scope) => SCOPE_PERMISSIONS[scope].includes(permission));
}

/** The actor, or UNAUTHENTICATED when nobody signed in. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError('Sign in or present an API token.');
  return actor;
}

/** The actor when it holds the permission; UNAUTHENTICATED or FORBIDDEN otherwise. */
export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  const known = requireActor(actor);
  if (!permits(known, permission)) {
    throw new ForbiddenError(`This needs the "${permission}" permission.`, { permission });
  }
  return known;
}

/** The actor when it is a signed-in person (some actions are not for tokens). */
export function requireUser(actor: Actor | null, permission: Permission = 'read'): UserActor {
  const known = requirePermission(actor, permission);
  if (known.kind !== 'USER') throw new ForbiddenError('Only a signed-in person can do this.');
  return known;
}

/** The stamp stored with rows the actor writes. */
export function stampOf(actor: Actor): ActorStamp {
  const stamp = new ActorStamp();
  stamp.kind = actor.kind;
  stamp.id = actor.kind === 'USER' ? actor.userId : actor.tokenId;
  stamp.name = actor.name;
  return stamp;
}

/** The stamp for changes Keel makes by itself. */
export function systemStamp(): ActorStamp {
  const stamp = new ActorStamp();
  stamp.kind = 'SYSTEM';
  stamp.name = 'Keel';
  return stamp;
}
