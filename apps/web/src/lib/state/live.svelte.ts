import { CloseCode, createClient, type Client } from 'graphql-ws';
import {
  IncidentChangedDocument,
  type IncidentChangedSubscription,
} from '$lib/graphql/generated/graphql';

/** One change to an incident, as the API announces it. */
export type IncidentEvent = IncidentChangedSubscription['incidentChanged'];

/**
 * Where the live connection stands: `idle` when nothing listens, `connecting`, `live`,
 * `reconnecting` after a drop, `stopped` when the server refused it (a session that ended).
 */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** Longest pause between two reconnection attempts, in milliseconds. */
const MAX_RETRY_WAIT_MS = 30_000;

/** How long the socket stays open after the last listener leaves, in milliseconds. */
const LINGER_MS = 5_000;

function isCloseEvent(reason: unknown): reason is { code: number } {
  return typeof reason === 'object' && reason !== null && 'code' in reason;
}

/** What a page wants to hear about. */
export interface IncidentWatch {
  /** One incident, or null for every incident of the organisation. */
  incidentId: string | null;
  /** Called for each change. */
  onEvent: (event: IncidentEvent) => void;
  /**
   * Called after the connection came back from a drop. Events sent meanwhile are lost (the
   * server does not replay them), so the page should fetch its data again.
   */
  onResync: () => void;
}

/**
 * The tab's one GraphQL WebSocket to `/graphql` on this origin, shared by every page that
 * listens. The browser sends the session cookie with the upgrade, so no token is handled here.
 */
class LiveConnection {
  /** For the header's indicator. */
  status = $state<LiveStatus>('idle');

  #client: Client | null = null;
  #watches = new Set<IncidentWatch>();

  #connect(): Client {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

    return createClient({
      url: `${protocol}//${location.host}/graphql`,
      lazy: true,
      lazyCloseTimeout: LINGER_MS,
      retryAttempts: Number.POSITIVE_INFINITY,
      // The server closes with Forbidden when the session has ended; retrying cannot help.
      shouldRetry: (reason) => !isCloseEvent(reason) || reason.code !== CloseCode.Forbidden,
      retryWait: async (retries) => {
        const wait = Math.min(MAX_RETRY_WAIT_MS, 1_000 * 2 ** retries) * (0.5 + Math.random());
        await new Promise((resolve) => setTimeout(resolve, wait));
      },
      on: {
        connecting: (isRetry) => {
          this.status = isRetry ? 'reconnecting' : 'connecting';
        },
        connected: (_socket, _payload, wasRetry) => {
          this.status = 'live';

          if (wasRetry) {
            for (const watch of this.#watches) watch.onResync();
          }
        },
        closed: () => {
          if (this.#watches.size === 0) this.status = 'idle';
          else if (this.status !== 'stopped') this.status = 'reconnecting';
        },
      },
    });
  }

  /** Starts listening; returns the function that stops. Browser only. */
  watch(watch: IncidentWatch): () => void {
    this.#client ??= this.#connect();
    this.#watches.add(watch);

    const stop = this.#client.subscribe<IncidentChangedSubscription>(
      { query: IncidentChangedDocument.toString(), variables: { incidentId: watch.incidentId } },
      {
        next: (result) => {
          if (result.data) watch.onEvent(result.data.incidentChanged);
        },
        error: () => {
          // Only a refusal ends the retries: the session has ended or was revoked.
          this.status = 'stopped';
        },
        complete: () => {},
      },
    );

    return () => {
      this.#watches.delete(watch);
      stop();
    };
  }
}

/** The app's one live connection. */
export const live = new LiveConnection();
