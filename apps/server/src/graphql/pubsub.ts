import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { ActorKind } from '../modules/actor/actor-stamp.js';
import type { PlaybookRunChangedEvent } from '../modules/governance/playbook-run.subscription.js';
import type { TimelineEntryRow } from '../modules/timeline/projection.store.js';

/** What kind of change an incident event reports. */
export const INCIDENT_CHANGE_KINDS = [
  'DECLARED',
  'UPDATED',
  'TRANSITIONED',
  'ROLE_ASSIGNED',
  'SCOPE_CHANGED',
] as const;

/** One of {@link INCIDENT_CHANGE_KINDS}. */
export type IncidentChangeKind = (typeof INCIDENT_CHANGE_KINDS)[number];

/** Published after an incident's change commits. Plain JSON: it may cross Redis. */
export interface IncidentChangedEvent {
  organizationId: string;
  incidentId: string;
  kind: IncidentChangeKind;
  changedFields: string[];
  actor: { kind: ActorKind; id: string | null; name: string };
  version: number;
  occurredAt: string;
}

/** What happened to a timeline entry, as the projection saw it. */
export const TIMELINE_CHANGE_KINDS = [
  'ADDED',
  'UPDATED',
  'PINNED',
  'UNPINNED',
  'DELETED',
  'RESTORED',
] as const;

/** One of {@link TIMELINE_CHANGE_KINDS}. */
export type TimelineChangeKind = (typeof TIMELINE_CHANGE_KINDS)[number];

/**
 * Published after the projection wrote a changed timeline row, whoever changed the document (an
 * editor, an integration's mutation, or Keel). Plain JSON: it may cross Redis.
 */
export interface TimelineChangedEvent {
  organizationId: string;
  incidentId: string;
  kind: TimelineChangeKind;
  /** The row as projected. */
  entry: TimelineEntryRow;
}

/** Published when a session or token stops being valid, so open sockets using it close. */
export interface CredentialRevokedEvent {
  organizationId: string;
  tokenId?: string;
  sessionId?: string;
  /** Set when a member's role changed or they left: everything they hold is looked up anew. */
  userId?: string;
}

/**
 * The one map from topic to payload. Incident and timeline events are routed by organisation id,
 * so a subscriber only ever receives its own organisation's events.
 */
export type KeelTopics = {
  incidentChanged: [organizationId: string, event: IncidentChangedEvent];
  timelineChanged: [organizationId: string, event: TimelineChangedEvent];
  playbookRunChanged: [organizationId: string, event: PlaybookRunChangedEvent];
  credentialRevoked: [event: CredentialRevokedEvent];
};

/** The event bus between services and subscriptions. */
export type KeelPubSub = PubSub<KeelTopics>;

/** A bus and the means to close it. */
export interface EventBus {
  pubSub: KeelPubSub;
  close(): Promise<void>;
}

/**
 * In-process when no Redis URL is given; otherwise events travel through Redis pub/sub so every
 * Keel process sees them. Redis may drop messages, so clients re-read state after reconnecting.
 */
export function createEventBus(redisUrl: string | null, logger: Logger): EventBus {
  if (!redisUrl) return { pubSub: createPubSub<KeelTopics>(), close: async () => {} };

  // Commands wait for Redis to come back instead of failing after a few retries: a failed
  // publish or subscribe inside the event target would be an unhandled rejection, which ends
  // the process. Events published during an outage are held in memory until it ends.
  const options = { maxRetriesPerRequest: null };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  for (const client of [publishClient, subscribeClient]) {
    client.on('error', (error: Error) => {
      logger.warn({ err: error }, 'event bus: Redis unavailable; retrying');
    });
  }
  const eventTarget = createRedisEventTarget<never>({ publishClient, subscribeClient });

  return {
    pubSub: createPubSub<KeelTopics>({ eventTarget }),
    close: async () => {
      // disconnect() does not wait for a Redis that may be down, unlike quit().
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
