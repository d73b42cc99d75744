import type {
  Extension,
  beforeHandleAwarenessPayload,
  onAuthenticatePayload,
} from '@hocuspocus/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { parseDocumentName, type CollabCodeName } from '@keel/collab';
import { permits, type Actor } from '../auth/actor.js';
import { SESSION_COOKIE, authenticate } from '../auth/authenticate.js';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import { readCookie } from '../http/cookies.js';
import type { Logger } from '../logger.js';
import { CollabRefusal, type CollabContext } from './collab-socket.js';

/** Options of {@link AuthExtension}. */
export interface AuthOptions {
  orm: MikroORM;
  logger: Logger;
  /**
   * Documents one socket may be refused before the socket itself is closed with 4429, so a
   * client cannot probe names or credentials without end.
   * @default 20
   */
  maxRefusalsPerSocket?: number;
}

/** Longest part of a refused name that reaches the log, in characters. */
const LOGGED_NAME_LENGTH = 80;

/**
 * Authorises every document explicitly, with the credentials GraphQL accepts: the provider's
 * `token` is an API token, and when it is empty the upgrade request's session cookie is used.
 *
 * A document is served only when its name parses, the credential is valid, and the incident
 * exists in the credential's organisation; another tenant's incident is refused exactly like a
 * missing one. Hocuspocus sends nothing of a document before this hook succeeds. People and
 * tokens who may only read get read-only connections: Hocuspocus refuses their updates, and
 * their presence is dropped here so that they cannot broadcast either.
 */
export class AuthExtension implements Extension {
  readonly extensionName = 'keel-auth';
  /** Runs before the journal's hooks (Hocuspocus runs higher priorities first). */
  readonly priority = 200;

  private readonly options: Required<AuthOptions>;

  constructor(options: AuthOptions) {
    // `??` per option rather than a spread, so an option passed as undefined keeps its default.
    this.options = { ...options, maxRefusalsPerSocket: options.maxRefusalsPerSocket ?? 20 };
  }

  /**
   * Runs for each document a socket asks for. Returns the context the document's other hooks
   * see; throws a {@link CollabRefusal}, which Hocuspocus sends as permission-denied.
   */
  async onAuthenticate(
    data: onAuthenticatePayload<CollabContext>,
  ): Promise<Partial<CollabContext>> {
    const { documentName, context, connectionConfig } = data;

    // The name is checked before anything touches the database, so malformed names cost nothing.
    const address = parseDocumentName(documentName);
    if (!address) return this.refuse(context, documentName, 'notFound', 'malformed name');

    const em = this.options.orm.em.fork();
    const actor = await this.actorOf(em, data);
    if (!actor) return this.refuse(context, documentName, 'unauthenticated', 'no valid credential');
    if (!permits(actor, 'read')) {
      return this.refuse(context, documentName, 'forbidden', 'credential cannot read');
    }

    const found = await this.guard(context, documentName, () =>
      em.execute('select 1 from incident where id = ? and organization_id = ?', [
        address.incidentId,
        actor.organizationId,
      ]),
    );
    if (found.length === 0) {
      return this.refuse(context, documentName, 'notFound', 'no such incident in organisation');
    }

    connectionConfig.readOnly = !permits(actor, 'write');
    context.socket.actors.add(actor);
    this.options.logger.debug(
      {
        documentName,
        socket: context.socket.id,
        actor: actor.kind,
        organizationId: actor.organizationId,
        readOnly: connectionConfig.readOnly,
      },
      'collab document authorised',
    );
    return { actor, organizationId: actor.organizationId, document: address };
  }

  /**
   * Drops the presence of read-only connections. Emptying the states (rather than throwing)
   * keeps their document session open: a viewer still sees everyone else.
   */
  async beforeHandleAwareness({
    connection,
    states,
  }: beforeHandleAwarenessPayload<CollabContext>): Promise<void> {
    if (connection?.readOnly) states.clear();
  }

  /** The actor behind the provider's token or, without one, the session cookie; null if none. */
  private async actorOf(
    em: EntityManager,
    { token, requestHeaders, context, documentName }: onAuthenticatePayload<CollabContext>,
  ): Promise<Actor | null> {
    try {
      return await authenticate(em, {
        authorization: token ? `Bearer ${token}` : null,
        sessionSecret: readCookie(requestHeaders.get('cookie') ?? undefined, SESSION_COOKIE),
      });
    } catch (error) {
      if (error instanceof UnauthenticatedError) return null;
      return this.unavailable(context, documentName, error);
    }
  }

  /** Runs a query; a database failure refuses the document with 4503 instead of leaking out. */
  private async guard<T>(
    context: CollabContext,
    documentName: string,
    query: () => Promise<T>,
  ): Promise<T> {
    try {
      return await query();
    } catch (error) {
      return this.unavailable(context, documentName, error);
    }
  }

  private unavailable(context: CollabContext, documentName: string, error: unknown): never {
    this.options.logger.error(
      { err: error, documentName, socket: context.socket.id, code: 'unavailable' },
      'collab authorisation failed',
    );
    throw new CollabRefusal('unavailable');
  }

  /**
   * Refuses one document. The socket stays open for its other documents until it has been
   * refused too often, which ends it with 4429.
   */
  private refuse(
    context: CollabContext,
    documentName: string,
    name: CollabCodeName,
    why: string,
  ): never {
    const { socket } = context;
    socket.refusals += 1;
    this.options.logger.info(
      {
        documentName: documentName.slice(0, LOGGED_NAME_LENGTH),
        socket: socket.id,
        remoteAddress: socket.remoteAddress,
        code: name,
        why,
      },
      'collab document refused',
    );

    if (socket.refusals >= this.options.maxRefusalsPerSocket) socket.close('tooManyRefusals');
    throw new CollabRefusal(name);
  }
}
