import type { Redis } from '../redis';
import { sleep } from './retry-policy';

/**
 * A token bucket: `capacity` tokens at most (the burst), refilled at `refillPerSecond`. Services
 * describe their limits this way (Amazon: rate and burst per operation; Shopify: a leaky bucket of
 * 40 calls leaking 2/s, or GraphQL points restored per second).
 */
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

/**
 * Client-side rate limiting, so a sync spends the service's quota evenly instead of running into
 * 429s. One bucket per key; keys name the connector, the credential (shop, seller) and, where the
 * service limits per operation, the operation — e.g. `amazon:eu:getOrderItems`.
 */
export interface RequestLimiter {
  /** Waits until `cost` tokens are available in the bucket, then takes them. */
  acquire(key: string, spec: BucketSpec, cost?: number, signal?: AbortSignal): Promise<void>;
  /**
   * The service throttled us: our count of its quota was wrong, so the bucket is emptied and nobody
   * takes from it for `ms` (shared by every replica); it then refills at its rate.
   */
  penalize(key: string, ms: number): Promise<void>;
  /** The service reported how much quota is left (e.g. Shopify's throttleStatus): trust it. */
  observe(key: string, spec: BucketSpec, available: number): Promise<void>;
}

/** How long to wait before taking `cost` tokens from a bucket in this state; mutates it when taken. */
interface BucketState {
  tokens: number;
  at: number;
  blockedUntil: number;
}

function take(state: BucketState, spec: BucketSpec, cost: number, now: number): number {
  if (state.blockedUntil > now) return state.blockedUntil - now;
  const ratePerMs = spec.refillPerSecond / 1000;
  state.tokens = Math.min(spec.capacity, state.tokens + (now - state.at) * ratePerMs);
  state.at = now;
  // A request costing more than the whole bucket may go once the bucket is full (else it never could).
  const needed = Math.min(cost, spec.capacity);
  if (state.tokens >= needed) {
    state.tokens -= cost;
    return 0;
  }
  return Math.ceil((needed - state.tokens) / ratePerMs);
}

/** Per-process buckets: right for embedded mode (one process) and for tests. */
export class MemoryRequestLimiter implements RequestLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(key: string, spec: BucketSpec, cost = 1, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = take(this.state(key, spec), spec, cost, this.now());
      if (wait === 0) return;
      await sleep(wait, signal);
    }
  }

  async penalize(key: string, ms: number): Promise<void> {
    const until = this.now() + ms;
    const state = this.buckets.get(key);
    const blockedUntil = Math.max(state?.blockedUntil ?? 0, until);
    // Refill counts from the end of the pause: the bucket is empty then.
    this.buckets.set(key, { tokens: 0, at: blockedUntil, blockedUntil });
  }

  async observe(key: string, spec: BucketSpec, available: number): Promise<void> {
    const state = this.state(key, spec);
    state.tokens = Math.max(0, Math.min(spec.capacity, available));
    state.at = this.now();
  }

  /** Forgets every bucket: each starts full again (tests that must not inherit another's quota). */
  clear(): void {
    this.buckets.clear();
  }

  private state(key: string, spec: BucketSpec): BucketState {
    let state = this.buckets.get(key);
    if (!state) {
      state = { tokens: spec.capacity, at: this.now(), blockedUntil: 0 };
      this.buckets.set(key, state);
    }
    return state;
  }
}

/**
 * The same bucket kept in Redis and updated by one Lua script (atomic, Redis's clock), so every web
 * and worker replica draws from one quota per credential: two workers syncing two Shopify stores of
 * one shop never double the request rate. Returns the wait in ms (0 = tokens taken).
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2]) / 1000
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'blocked')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
local blocked = tonumber(state[3]) or 0
if blocked > now then return blocked - now end
tokens = math.min(capacity, tokens + (now - at) * rate)
local needed = math.min(cost, capacity)
local wait = 0
if tokens >= needed then tokens = tokens - cost else wait = math.ceil((needed - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 60000)
return wait
`;

const PENALIZE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ms = now + tonumber(ARGV[1])
local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked')) or 0
if blocked > until_ms then until_ms = blocked end
redis.call('HSET', KEYS[1], 'blocked', tostring(until_ms), 'tokens', '0', 'at', tostring(until_ms))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + 60000)
return 0
`;

const OBSERVE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], 'tokens', ARGV[1], 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 0
`;

export class RedisRequestLimiter implements RequestLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'sentia:http-limit:',
  ) {}

  async acquire(key: string, spec: BucketSpec, cost = 1, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = Number(
        await this.redis.eval(TAKE_SCRIPT, 1, this.prefix + key, spec.capacity, spec.refillPerSecond, cost),
      );
      if (wait <= 0) return;
      await sleep(wait, signal);
    }
  }

  async penalize(key: string, ms: number): Promise<void> {
    await this.redis.eval(PENALIZE_SCRIPT, 1, this.prefix + key, Math.ceil(ms));
  }

  async observe(key: string, spec: BucketSpec, available: number): Promise<void> {
    const tokens = Math.max(0, Math.min(spec.capacity, available));
    const ttl = Math.ceil((spec.capacity / spec.refillPerSecond) * 1000) + 60_000;
    await this.redis.eval(OBSERVE_SCRIPT, 1, this.prefix + key, String(tokens), ttl);
  }
}
