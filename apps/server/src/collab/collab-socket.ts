import { randomUUID } from 'node:crypto';
import {
  COLLAB_CODES,
  refusalReason,
  type CollabCodeName,
  type DocumentAddress,
} from '@keel/collab';
import type { Actor } from '../auth/actor.js';

/** What a socket needs to be closed; crossws's peer provides it. */
export interface ClosablePeer {
  close(code?: number, reason?: string): void;
}

/**
 * One WebSocket on `/collab`. Hocuspocus multiplexes documents over a socket and keeps their
 * state apart; this is the little Keel keeps for the socket as a whole: how to close it with one
 * of Keel's codes, how many documents it was refused, and whose credentials it carries.
 */
export class CollabSocket {
  /** Correlates log lines about this socket. */
  readonly id = randomUUID();

  /** Documents refused so far; past a limit the socket is closed. */
  refusals = 0;

  /** The credentials its documents authenticated with, so revoking one closes the socket. */
  readonly actors = new Set<Actor>();

  private closingWith: CollabCodeName | null = null;

  constructor(
    private readonly peer: ClosablePeer,
    /** The client's address, for logs. */
    readonly remoteAddress: string | undefined,
  ) {}

  /** Whether the socket is closing; frames that still arrive are dropped. */
  get closing(): boolean {
    return this.closingWith !== null;
  }

  /** Closes the socket with one of Keel's codes; later calls keep the first code. */
  close(name: CollabCodeName): void {
    if (this.closingWith) return;
    this.closingWith = name;
    this.peer.close(COLLAB_CODES[name], refusalReason(name));
  }
}

/**
 * The Hocuspocus context of one document on one socket. The endpoint sets `socket` for every
 * connection; the auth extension adds the rest once the document is authorised.
 */
export interface CollabContext {
  socket: CollabSocket;
  actor?: Actor;
  /** The organisation the document belongs to (the actor's). */
  organizationId?: string;
  document?: DocumentAddress;
}

/**
 * An expected refusal thrown from a Hocuspocus hook. Hocuspocus sends `reason` to the client (as
 * permission-denied for authentication, or as the close reason of the document's session).
 * Deliberately not an Error: Hocuspocus prints the message of every rejected hook to the console,
 * and a refusal is an outcome Keel logs itself, at its own level, with its code.
 */
export class CollabRefusal {
  readonly code: number;
  readonly reason: string;

  constructor(readonly codeName: CollabCodeName) {
    this.code = COLLAB_CODES[codeName];
    this.reason = refusalReason(codeName);
  }
}
