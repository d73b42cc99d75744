import { it } from 'vitest';
import { declareIncident, openCollab, signIn } from './support/clients.js';
import { createTestDatabase } from './support/database.js';
import { startKeelServer } from './support/keel-server.js';

it('debug', async () => {
  const database = await createTestDatabase('scratch');
  const keel = await startKeelServer({ databaseUrl: database.url });
  try {
    const session = await signIn(keel.url);
    const { timeline } = await declareIncident(keel.url, session);
    const client = openCollab(keel.url, session, timeline);
    client.socket.on('status', (e: unknown) => console.log('status', e));
    client.provider.on('authenticated', (e: unknown) => console.log('auth', e));
    client.provider.on('authenticationFailed', (e: unknown) => console.log('authfail', e));
    client.socket.on('close', (e: { event: { code: number; reason: string } }) =>
      console.log('close', e.event.code, e.event.reason),
    );
    await new Promise((r) => setTimeout(r, 2000));
    console.log(
      'synced',
      client.provider.isSynced,
      client.tracker.progress(timeline),
      client.closes,
    );
    client.destroy();
  } finally {
    await keel.kill9();
    console.log(keel.output().slice(-3000));
    await database.drop();
  }
});
