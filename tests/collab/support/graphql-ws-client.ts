import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Session } from './clients.js';

/** One GraphQL subscription over graphql-ws, with the events it received. */
export interface TestSubscription<Data> {
  events: { data: Data; receivedAt: number }[];
  close(): void;
}

/**
 * Subscribes through Keel's `/graphql` WebSocket with the graphql-transport-ws protocol: init,
 * wait for the acknowledgement, subscribe. Written out because the protocol needs four messages
 * and the tests package has no other use for a graphql-ws client.
 */
export async function subscribe<Data>(
  baseUrl: string,
  session: Session,
  query: string,
): Promise<TestSubscription<Data>> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/graphql`;
  const socket = new WebSocket(url, 'graphql-transport-ws', {
    headers: { cookie: session.cookie },
  });
  const events: TestSubscription<Data>['events'] = [];
  // Errors after the handshake end the socket; the test sees them as missing events.
  socket.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`graphql-ws closed with ${code}`)));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data: Data } };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        resolve();
      } else if (message.type === 'next' && message.payload) {
        events.push({ data: message.payload.data, receivedAt: performance.now() });
      }
    });
  });

  return { events, close: () => socket.close() };
}
