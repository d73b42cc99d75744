import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type RateLimiter,
  type RateLimitOptions,
} from './rate-limit.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Every key this run writes starts with this, so the run cleans up after itself only.
const runPrefix = `keel:test:rate-limit:${randomUUID()}:`;
let prefixes = 0;

let redis: Redis;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${runPrefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');

  await redis.quit();
});

function nextPrefix(): string {
  prefixes += 1;
  return `${runPrefix}${prefixes}:`;
}

const implementations: [string, (options: RateLimitOptions) => RateLimiter][] = [
  ['memory', (options) => createMemoryRateLimiter(options)],
  ['redis', (options) => createRedisRateLimiter(redis, { ...options, prefix: nextPrefix() })],
];

describe.each(implementations)('the %s limiter', (_name, create) => {
  it('allows capacity requests, then refuses with a time to wait', async () => {
    const limiter = create({ capacity: 3, refillPerSecond: 1 });

    const decisions = [];
    for (let request = 0; request < 4; request += 1) {
      decisions.push(await limiter.consume('token:a'));
    }

    expect(decisions.slice(0, 3)).toEqual([
      { allowed: true, remaining: 2, retryAfterMs: 0 },
      { allowed: true, remaining: 1, retryAfterMs: 0 },
      { allowed: true, remaining: 0, retryAfterMs: 0 },
    ]);
    expect(decisions[3]).toMatchObject({ allowed: false, remaining: 0 });
    // One token comes back per second, and a little of it has flowed back already.
    expect(decisions[3]?.retryAfterMs).toBeGreaterThan(900);
    expect(decisions[3]?.retryAfterMs).toBeLessThanOrEqual(1000);

    await limiter.close();
  });

  it('refills over time, and allows again once the wait has passed', async () => {
    // One token every 50 ms.
    const limiter = create({ capacity: 2, refillPerSecond: 20 });

    await limiter.consume('ip:192.0.2.1');
    await limiter.consume('ip:192.0.2.1');
    const refused = await limiter.consume('ip:192.0.2.1');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(50);

    await sleep(refused.retryAfterMs + 10);
    expect(await limiter.consume('ip:192.0.2.1')).toMatchObject({ allowed: true, remaining: 0 });

    // Never beyond capacity, however long the key stays away.
    await sleep(150);
    expect(await limiter.consume('ip:192.0.2.1')).toMatchObject({ allowed: true, remaining: 1 });

    await limiter.close();
  });

  it('keeps a separate budget for each key', async () => {
    const limiter = create({ capacity: 2, refillPerSecond: 0.01 });

    await limiter.consume('token:a');
    await limiter.consume('token:a');
    expect((await limiter.consume('token:a')).allowed).toBe(false);

    expect(await limiter.consume('token:b')).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.consume('ip:192.0.2.1')).toMatchObject({ allowed: true, remaining: 1 });

    await limiter.close();
  });

  it('takes a cost of several tokens at once, and refuses a cost above capacity', async () => {
    const limiter = create({ capacity: 5, refillPerSecond: 0.01 });

    expect(await limiter.consume('token:a', 4)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.consume('token:a', 2)).toMatchObject({ allowed: false, remaining: 1 });
    expect(await limiter.consume('token:a', 1)).toMatchObject({ allowed: true, remaining: 0 });

    await expect(limiter.consume('token:a', 6)).rejects.toThrow(RangeError);
    await expect(limiter.consume('token:a', 0)).rejects.toThrow(RangeError);

    await limiter.close();
  });

  it('refuses to work once closed', async () => {
    const limiter = create({ capacity: 1, refillPerSecond: 1 });
    await limiter.close();

    await expect(limiter.consume('token:a')).rejects.toThrow('closed');
  });

  it('refuses options that could not limit anything', () => {
    expect(() => create({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => create({ capacity: 1, refillPerSecond: 0 })).toThrow(RangeError);
    expect(() => create({ capacity: Number.NaN, refillPerSecond: 1 })).toThrow(RangeError);
  });
});

describe('the memory limiter', () => {
  it('forgets keys whose buckets have filled up again', async () => {
    // Full again 20 ms after the last request.
    const limiter = createMemoryRateLimiter({ capacity: 2, refillPerSecond: 100 });

    for (let client = 0; client < 1000; client += 1) await limiter.consume(`ip:10.0.${client}`);
    expect(limiter.size).toBe(1000);

    await sleep(40);
    await limiter.consume('ip:192.0.2.1');
    expect(limiter.size).toBe(1);

    await limiter.close();
  });

  it('never tracks more than maxKeys, forgetting the least recently used first', async () => {
    const limiter = createMemoryRateLimiter({ capacity: 2, refillPerSecond: 0.01, maxKeys: 10 });

    await limiter.consume('token:kept');
    for (let client = 0; client < 25; client += 1) {
      await limiter.consume(`ip:10.0.${client}`);
      // Recent use keeps this key at the back of the queue for eviction.
      if (client % 5 === 0) await limiter.consume('token:kept', 0.1);
    }

    expect(limiter.size).toBe(10);
    expect(await limiter.consume('token:kept')).toMatchObject({ allowed: false });
    // The first address was forgotten, so it starts again from a full bucket.
    expect(await limiter.consume('ip:10.0.0')).toMatchObject({ allowed: true, remaining: 1 });

    await limiter.close();
  });
});

describe('the redis limiter', () => {
  it('shares one budget between processes that use the same prefix', async () => {
    const other = redis.duplicate();
    const options = { capacity: 5, refillPerSecond: 0.01, prefix: nextPrefix() };
    const first = createRedisRateLimiter(redis, options);
    const second = createRedisRateLimiter(other, options);

    // Concurrent requests through two connections: exactly the capacity gets through.
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, request) =>
        (request % 2 === 0 ? first : second).consume('token:shared'),
      ),
    );

    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    expect(decisions.filter((decision) => !decision.allowed)).toHaveLength(7);

    await first.close();
    await second.close();
    await other.quit();
  });

  it('lets Redis expire a bucket once it would be full again', async () => {
    const prefix = nextPrefix();
    const limiter = createRedisRateLimiter(redis, { capacity: 4, refillPerSecond: 2, prefix });

    await limiter.consume('token:a');

    // Empty to full takes 4 / 2 per second = 2000 ms.
    const ttlMs = await redis.pttl(`${prefix}token:a`);
    expect(ttlMs).toBeGreaterThan(1500);
    expect(ttlMs).toBeLessThanOrEqual(2000);

    await limiter.close();
  });

  it('sends the script again when Redis no longer has it cached', async () => {
    // Only evalsha fails, as it does after a Redis restart; SCRIPT FLUSH would also disturb
    // anyone else using this Redis.
    const forgetful = {
      evalsha: () => Promise.reject(new Error('NOSCRIPT No matching script.')),
      eval: (...args: Parameters<Redis['eval']>) => redis.eval(...args),
    } as unknown as Redis;
    const limiter = createRedisRateLimiter(forgetful, {
      capacity: 1,
      refillPerSecond: 0.01,
      prefix: nextPrefix(),
    });

    expect(await limiter.consume('token:a')).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.consume('token:a')).toMatchObject({ allowed: false });

    await limiter.close();
  });

  it('refuses an empty prefix', () => {
    expect(() =>
      createRedisRateLimiter(redis, { capacity: 1, refillPerSecond: 1, prefix: '' }),
    ).toThrow(RangeError);
  });
});
