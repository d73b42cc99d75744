import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createEventBus } from './pubsub.js';

const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

afterEach(() => {
  process.off('unhandledRejection', record);
  unhandled.length = 0;
});

describe('the Redis event bus', () => {
  it('survives an unreachable Redis and closes at once', async () => {
    process.on('unhandledRejection', record);
    // Nothing listens on port 1, so every connection attempt is refused.
    const bus = createEventBus('redis://127.0.0.1:1', createLogger('silent'));

    bus.pubSub.publish('credentialRevoked', { organizationId: 'org', tokenId: 'token' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const closing = Date.now();
    await bus.close();
    expect(Date.now() - closing).toBeLessThan(500);
    expect(unhandled).toEqual([]);
  });
});
