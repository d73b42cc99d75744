/**
 * Live changes to one incident's playbook runs, over `playbookRunChanged`.
 *
 * This opens a GraphQL WebSocket of its own next to the app's shared one (`live.svelte.ts`,
 * which only carries incident changes). Sharing that socket needs a generic subscribe method
 * there; until the war room's live connection offers one, the run panel keeps this lazy
 * client, which closes a few seconds after the panel is gone.
 */
import { CloseCode, createClient, type Client } from 'graphql-ws';
import {
  PlaybookRunChangedDocument,
  type PlaybookRunChangedSubscription,
} from '$lib/graphql/generated/graphql';

/** One change to a run, as the API announces it. */
export type RunEvent = PlaybookRunChangedSubscription['playbookRunChanged'];

/** Longest pause between two reconnection attempts, in milliseconds. */
const MAX_RETRY_WAIT_MS = 30_000;

/** How long the socket stays open after the last listener leaves, in milliseconds. */
const LINGER_MS = 5_000;

let client: Client | null = null;

function connect(): Client {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

  return createClient({
    url: `${protocol}//${location.host}/graphql`,
    lazy: true,
    lazyCloseTimeout: LINGER_MS,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (reason) =>
      !(typeof reason === 'object' && reason !== null && 'code' in reason) ||
      reason.code !== CloseCode.Forbidden,
    retryWait: async (retries) => {
      const wait = Math.min(MAX_RETRY_WAIT_MS, 1_000 * 2 ** retries) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, wait));
    },
  });
}

/**
 * Calls `onEvent` for each change to the runs of incident `incidentId`, and `onResync` after
 * the connection came back (changes meanwhile are not replayed). Returns the function that
 * stops listening. Browser only.
 */
export function watchRuns(
  incidentId: string,
  onEvent: (event: RunEvent) => void,
  onResync: () => void,
): () => void {
  client ??= connect();
  let first = true;

  const stopConnected = client.on('connected', () => {
    if (!first) onResync();
    first = false;
  });

  const stop = client.subscribe<PlaybookRunChangedSubscription>(
    { query: PlaybookRunChangedDocument.toString(), variables: { incidentId } },
    {
      next: (result) => {
        if (result.data) onEvent(result.data.playbookRunChanged);
      },
      error: () => {},
      complete: () => {},
    },
  );

  return () => {
    stopConnected();
    stop();
  };
}
