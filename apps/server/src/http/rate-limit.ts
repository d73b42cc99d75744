/**
 * Rate limits by key (the server uses `token:<id>` and `ip:<address>`), as token buckets.
 *
 * Each key has a bucket holding up to `capacity` tokens, full at first. A request takes `cost`
 * tokens (1 unless said otherwise) and is refused when fewer are left; tokens flow back at
 * `refillPerSecond`, continuously, until the bucket is full again. So `capacity` is the burst a
 * key may send at once and `refillPerSecond` the rate it may keep up. A token bucket was chosen
 * over a sliding window because it needs two numbers per key and no log of past requests, which
 * keeps both the memory store and the Redis script small.
 *
 * Both implementations forget a bucket once it would be full again, since a full bucket and a
 * missing one behave alike: memory and Redis hold only keys that were busy recently.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { Redis } from 'ioredis';

/** How much a key may request, shared by both implementations. */
export interface RateLimitOptions {
  /** Size of each key's bucket, in requests: the burst a key may send at once. */
  capacity: number;

  /** Requests given back to each bucket per second, up to `capacity`: the sustained rate. */
  refillPerSecond: number;
}

/** Options of the in-process limiter. */
export interface MemoryRateLimitOptions extends RateLimitOptions {
  /**
   * Most keys tracked at once. Past it the least recently used key is forgotten, which hands it
   * a full bucket: this bounds memory when many keys are busy at the same time, at the price of
   * leniency towards the oldest of them.
   *
   * @default 100_000
   */
  maxKeys?: number;
}

/** Options of the limiter whose buckets live in Redis. */
export interface RedisRateLimitOptions extends RateLimitOptions {
  /**
   * Put before every key in Redis, so that buckets neither collide with other data nor with
   * other limiters' buckets. Processes that share a prefix (and options) share the budget.
   */
  prefix: string;
}

/** The answer to one request. */
export interface RateLimitDecision {
  /** Whether the request may go ahead; its tokens were taken only when true. */
  allowed: boolean;

  /** Whole requests (of cost 1) the key may still make right now. */
  remaining: number;

  /** When refused, milliseconds until the bucket holds enough tokens for this cost; else 0. */
  retryAfterMs: number;
}

/** Counts requests against per-key budgets. */
export interface RateLimiter {
  /**
   * Takes `cost` tokens from the bucket of `key` if it holds that many.
   *
   * Rejects with a RangeError for a cost that is not positive or is above `capacity` (such a
   * request could never be allowed), and with the store's error when the store fails: whether
   * to let requests through then is the caller's choice.
   *
   * @param cost - tokens this request takes, 1 when left out
   */
  consume(key: string, cost?: number): Promise<RateLimitDecision>;

  /** Stops the limiter; `consume` rejects afterwards. A Redis client passed in stays open. */
  close(): Promise<void>;
}

/** The in-process limiter, which also tells how many keys it tracks. */
export interface MemoryRateLimiter extends RateLimiter {
  /** Keys whose buckets are held right now; for metrics and tests. */
  readonly size: number;
}

const DEFAULT_MAX_KEYS = 100_000;

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * A limiter holding buckets in this process's memory: for a single process, or as a fallback.
 * Several processes each keep their own budget with it; use `createRedisRateLimiter` to share.
 */
export function createMemoryRateLimiter(options: MemoryRateLimitOptions): MemoryRateLimiter {
  assertOptions(options);
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`maxKeys must be a positive integer, got ${maxKeys}`);
  }

  const { capacity } = options;
  const refillPerMs = options.refillPerSecond / 1000;
  const fullAfterMs = capacity / refillPerMs;

  // A Map iterates in insertion order. Every use re-inserts its key, so the least recently used
  // buckets come first and idle ones can be dropped from the front without scanning the rest.
  const buckets = new Map<string, Bucket>();
  let closed = false;

  function forgetIdle(nowMs: number): void {
    for (const [key, bucket] of buckets) {
      if (nowMs - bucket.updatedAtMs < fullAfterMs) break;
      buckets.delete(key);
    }
  }

  return {
    get size() {
      return buckets.size;
    },

    async consume(key, cost = 1) {
      if (closed) throw new Error('The rate limiter is closed');
      assertCost(cost, capacity);

      // performance.now() never goes backwards, unlike the wall clock under NTP adjustments.
      const nowMs = performance.now();
      forgetIdle(nowMs);

      const bucket = buckets.get(key);
      const elapsedMs = bucket ? nowMs - bucket.updatedAtMs : 0;
      let tokens = bucket ? Math.min(capacity, bucket.tokens + elapsedMs * refillPerMs) : capacity;

      const allowed = tokens >= cost;
      if (allowed) tokens -= cost;

      buckets.delete(key);
      buckets.set(key, { tokens, updatedAtMs: nowMs });
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next();
        if (!oldest.done) buckets.delete(oldest.value);
      }

      return {
        allowed,
        remaining: Math.floor(tokens),
        retryAfterMs: allowed ? 0 : Math.ceil((cost - tokens) / refillPerMs),
      };
    },

    async close() {
      closed = true;
      buckets.clear();
    },
  };
}

/*
 * One bucket, read, refilled, taken from and written in a single script, so that concurrent
 * requests from several processes cannot both spend the same token. The clock is Redis's own
 * (TIME), so processes whose clocks disagree still agree on the refill. A refused request
 * writes nothing; the expiry set by the last write still holds, because the bucket is full by
 * then.
 *
 * KEYS[1] bucket; ARGV: capacity, tokens per millisecond, cost, milliseconds from empty to full.
 * Returns { allowed (0 or 1), remaining, retry after (ms) }.
 */
const TOKEN_BUCKET_SCRIPT = `
local capacity = tonumber(ARGV[1])
local refill_per_ms = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local full_after_ms = tonumber(ARGV[4])

local time = redis.call('TIME')
local now_ms = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000

local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1])
local at_ms = tonumber(stored[2])
if tokens == nil or at_ms == nil then
  tokens = capacity
  at_ms = now_ms
end
tokens = math.min(capacity, tokens + math.max(0, now_ms - at_ms) * refill_per_ms)

if tokens < cost then
  return { 0, math.floor(tokens), math.ceil((cost - tokens) / refill_per_ms) }
end

tokens = tokens - cost
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now_ms))
redis.call('PEXPIRE', KEYS[1], full_after_ms)
return { 1, math.floor(tokens), 0 }
`;

const TOKEN_BUCKET_SHA1 = createHash('sha1').update(TOKEN_BUCKET_SCRIPT).digest('hex');

/**
 * A limiter holding buckets in Redis, so that every Keel process given the same `prefix` and
 * options draws on one budget per key. Each decision is one atomic script call; Redis forgets a
 * bucket once it would be full again.
 *
 * The client stays the caller's: `close` does not disconnect it.
 */
export function createRedisRateLimiter(redis: Redis, options: RedisRateLimitOptions): RateLimiter {
  assertOptions(options);
  if (options.prefix === '') {
    throw new RangeError('prefix must not be empty: buckets would mix with other data in Redis');
  }

  const { capacity, prefix } = options;
  const refillPerMs = options.refillPerSecond / 1000;
  const fullAfterMs = Math.max(1, Math.ceil(capacity / refillPerMs));
  let closed = false;

  async function runScript(key: string, cost: number): Promise<unknown> {
    const args = [String(capacity), String(refillPerMs), String(cost), String(fullAfterMs)];

    try {
      return await redis.evalsha(TOKEN_BUCKET_SHA1, 1, prefix + key, ...args);
    } catch (error) {
      // Redis keeps scripts only until it restarts; send the source once to cache it again.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(TOKEN_BUCKET_SCRIPT, 1, prefix + key, ...args);
    }
  }

  return {
    async consume(key, cost = 1) {
      if (closed) throw new Error('The rate limiter is closed');
      assertCost(cost, capacity);

      const reply = await runScript(key, cost);
      if (
        !Array.isArray(reply) ||
        reply.length !== 3 ||
        !reply.every((value) => typeof value === 'number')
      ) {
        throw new Error(`Unexpected reply from the rate limit script: ${JSON.stringify(reply)}`);
      }

      const [allowed, remaining, retryAfterMs] = reply as number[];
      return {
        allowed: allowed === 1,
        remaining: remaining ?? 0,
        retryAfterMs: retryAfterMs ?? 0,
      };
    },

    async close() {
      closed = true;
    },
  };
}

function assertOptions(options: RateLimitOptions): void {
  if (!Number.isFinite(options.capacity) || options.capacity <= 0) {
    throw new RangeError(`capacity must be a positive number, got ${options.capacity}`);
  }
  if (!Number.isFinite(options.refillPerSecond) || options.refillPerSecond <= 0) {
    throw new RangeError(
      `refillPerSecond must be a positive number, got ${options.refillPerSecond}`,
    );
  }
}

function assertCost(cost: number, capacity: number): void {
  if (!Number.isFinite(cost) || cost <= 0 || cost > capacity) {
    throw new RangeError(`cost must be above 0 and at most the capacity ${capacity}, got ${cost}`);
  }
}
