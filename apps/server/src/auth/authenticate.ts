import type { EntityManager } from '@mikro-orm/postgresql';
import type { MembershipRole, TokenScope } from '@keel/domain';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import type { Actor, TokenActor, UserActor } from './actor.js';
import type { CredentialCache } from './credential-cache.js';
import { secretDigest } from './secrets.js';

/** Name of the cookie that carries a browser's session secret. */
export const SESSION_COOKIE = 'keel_session';

/** A token's last use is written at most this often, so reads do not turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** What a request or WebSocket presented as credentials. */
export interface Credentials {
  /** The `Authorization` header value, or graphql-ws's `connectionParams.authorization`. */
  authorization?: string | null;
  /** The session cookie's value. */
  sessionSecret?: string | null;
}

/**
 * Resolves credentials to an actor. A bearer token that is unknown, expired or revoked is an
 * error, because a bot should learn its token stopped working; a stale session cookie is simply
 * anonymous, because the browser will be sent to sign in.
 */
export async function authenticate(
  em: EntityManager,
  credentials: Credentials,
  cache?: CredentialCache,
): Promise<Actor | null> {
  const bearer = parseBearer(credentials.authorization);
  const secret = bearer ?? credentials.sessionSecret;
  if (!secret) return null;

  const digest = secretDigest(secret);
  const known = cache?.get(digest);
  if (known) return known;

  const found =
    bearer !== null ? await actorForToken(em, digest) : await actorForSession(em, digest);
  if (!found && bearer !== null) {
    throw new UnauthenticatedError('The API token is unknown, expired or revoked.');
  }
  if (!found) return null;

  cache?.set(digest, found.actor, found.expiresAtMs);
  return found.actor;
}

/** Re-checks that an actor's credential is still valid (for long-lived subscriptions). */
export async function credentialStillValid(em: EntityManager, actor: Actor): Promise<boolean> {
  const sql =
    actor.kind === 'TOKEN'
      ? `select 1 from api_token t
           join membership m
             on m.user_id = t.created_by_id and m.organization_id = t.organization_id
          where t.id = ? and t.revoked_at is null
            and (t.expires_at is null or t.expires_at > now())`
      : `select 1 from session s
           join membership m on m.user_id = s.user_id and m.organization_id = s.organization_id
          where s.id = ? and s.revoked_at is null and s.expires_at > now()`;
  const id = actor.kind === 'TOKEN' ? actor.tokenId : actor.sessionId;
  const rows = await em.getConnection().execute(sql, [id]);
  return rows.length > 0;
}

function parseBearer(header: string | null | undefined): string | null {
  if (!header) return null;

  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new UnauthenticatedError('Authorization must be "Bearer <token>".');
  return match[1]!;
}

interface TokenRow {
  id: string;
  name: string;
  organization_id: string;
  scopes: TokenScope[];
  created_by_id: string;
  expires_at_ms: string | number | null;
  /** Whether the last use recorded is older than {@link LAST_USED_RESOLUTION_MS}. */
  use_unrecorded: boolean;
}

/** An actor and when its credential expires (Unix milliseconds; null for never). */
interface Found<A extends Actor> {
  actor: A;
  expiresAtMs: number | null;
}

async function actorForToken(em: EntityManager, digest: string): Promise<Found<TokenActor> | null> {
  const connection = em.getConnection();

  // A token stops working when its creator leaves the organisation.
  const rows: TokenRow[] = await connection.execute(
    `select t.id, t.name, t.organization_id, t.scopes, t.created_by_id,
            extract(epoch from t.expires_at) * 1000 as expires_at_ms,
            (t.last_used_at is null or t.last_used_at < now() - ? * interval '1 millisecond')
              as use_unrecorded
       from api_token t
       join membership m on m.user_id = t.created_by_id and m.organization_id = t.organization_id
      where t.secret_hash = ? and t.revoked_at is null
        and (t.expires_at is null or t.expires_at > now())`,
    [LAST_USED_RESOLUTION_MS, digest],
  );
  const row = rows[0];
  if (!row) return null;

  if (row.use_unrecorded) {
    await connection.execute('update api_token set last_used_at = now() where id = ?', [row.id]);
  }

  return {
    actor: {
      kind: 'TOKEN',
      tokenId: row.id,
      name: row.name,
      organizationId: row.organization_id,
      scopes: row.scopes,
      createdByUserId: row.created_by_id,
    },
    expiresAtMs: row.expires_at_ms === null ? null : Number(row.expires_at_ms),
  };
}

interface SessionRow {
  id: string;
  user_id: string;
  organization_id: string;
  name: string;
  role: MembershipRole;
  expires_at_ms: string | number;
}

async function actorForSession(
  em: EntityManager,
  digest: string,
): Promise<Found<UserActor> | null> {
  const rows: SessionRow[] = await em.getConnection().execute(
    `select s.id, s.user_id, s.organization_id, u.name, m.role,
            extract(epoch from s.expires_at) * 1000 as expires_at_ms
       from session s
       join app_user u on u.id = s.user_id
       join membership m on m.user_id = s.user_id and m.organization_id = s.organization_id
      where s.secret_hash = ? and s.revoked_at is null and s.expires_at > now()`,
    [digest],
  );
  const row = rows[0];
  if (!row) return null;

  return {
    actor: {
      kind: 'USER',
      userId: row.user_id,
      name: row.name,
      organizationId: row.organization_id,
      role: row.role,
      sessionId: row.id,
    },
    expiresAtMs: Number(row.expires_at_ms),
  };
}
