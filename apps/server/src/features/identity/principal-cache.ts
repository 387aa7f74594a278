import { LRUCache } from 'lru-cache';
import type { EventBus } from '../../platform/events/event-bus';
import type { Logger } from '../../platform/logger';
import type { Principal } from './principal';
import type { AccessClaims } from './tokens';

/** The event that tells every replica to forget a user's cached sign-ins (see PrincipalCache). */
export const IDENTITY_CHANGED = 'identity.changed';
/** How often a replica records a session's use (the 24 h idle window) at most. */
export const TOUCH_INTERVAL_MS = 60_000;

type CachedUser = Omit<Principal, 'sessionId' | 'via'>;

export interface PrincipalCacheOptions {
  /** AUTH_CACHE_SECONDS × 1000; 0 switches the principal cache off (every request reads the database). */
  ttlMs: number;
  /** Entries kept at most (sessions, and verified tokens). */
  max?: number;
}

/**
 * What this replica knows about recent sign-ins, so a request with a valid access token costs no
 * database round trip:
 * - verified tokens → their claims, until the token's own expiry (the exact string was verified once;
 *   HS256 verification is the costliest step left on the hot path);
 * - session → the user, their role and permissions, for AUTH_CACHE_SECONDS (a few seconds);
 * - when each session was last recorded as used, so `touchSession` runs once a minute, not per request.
 *
 * Correctness: logout, revocation, refresh-token reuse, disabling a user and changing their role call
 * `forgetUser` on the replica that made the change (after the commit, before answering) and publish
 * `identity.changed`, which every replica's HTTP app turns into `forgetUser` within the event
 * fan-out latency. If an event is lost, the TTL bounds how long a replica trusts its copy. A read
 * that started before a `forget` is not stored (generation check), so a look-up racing a revocation
 * cannot put the old state back.
 */
export class PrincipalCache {
  private readonly sessions: LRUCache<string, { userId: string; user: CachedUser }> | null;
  private readonly tokens: LRUCache<string, AccessClaims & { expiresAtMs: number }>;
  private readonly touched: LRUCache<string, true>;
  private generation = 0;

  constructor(options: PrincipalCacheOptions) {
    const max = options.max ?? 10_000;
    this.sessions = options.ttlMs > 0 ? new LRUCache({ max, ttl: options.ttlMs }) : null;
    this.tokens = new LRUCache({ max });
    this.touched = new LRUCache({ max, ttl: TOUCH_INTERVAL_MS });
  }

  /** Claims of a token verified before and not yet expired. */
  claims(token: string): AccessClaims | undefined {
    const hit = this.tokens.get(token);
    if (!hit) return undefined;
    if (hit.expiresAtMs <= Date.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return hit;
  }

  rememberClaims(token: string, claims: AccessClaims, expiresAtMs: number): void {
    if (expiresAtMs > Date.now()) this.tokens.set(token, { ...claims, expiresAtMs });
  }

  /** The user behind an active session, when this replica looked it up within the TTL. */
  user(claims: AccessClaims): CachedUser | undefined {
    const hit = this.sessions?.get(claims.sessionId);
    return hit && hit.userId === claims.userId ? hit.user : undefined;
  }

  /** Call before reading the database; pass the result to `rememberUser`. */
  begin(): number {
    return this.generation;
  }

  /** Stores what the database said, unless a `forget` happened since `begin` (it may be stale). */
  rememberUser(claims: AccessClaims, user: CachedUser, generation: number): void {
    if (generation === this.generation) {
      this.sessions?.set(claims.sessionId, { userId: claims.userId, user });
    }
  }

  /** Drops every cached session of the user (their sessions, role or state changed). */
  forgetUser(userId: string): void {
    this.generation += 1;
    if (!this.sessions) return;
    for (const [sessionId, entry] of this.sessions.entries()) {
      if (entry.userId === userId) this.sessions.delete(sessionId);
    }
  }

  /** True at most once per TOUCH_INTERVAL_MS per session on this replica. */
  shouldTouch(sessionId: string): boolean {
    if (this.touched.has(sessionId)) return false;
    this.touched.set(sessionId, true);
    return true;
  }
}

/**
 * After a committed change to a user's sessions, role or state: this replica forgets at once, the
 * others when the event reaches them. Publishing is best effort (a lost event is bounded by the TTL).
 * Only administrators' browsers may see the event on /api/events (it names a user id).
 */
export async function announceIdentityChange(
  ctx: { principals: PrincipalCache; events: EventBus; logger: Logger },
  userId: string,
): Promise<void> {
  ctx.principals.forgetUser(userId);
  await ctx.events
    .publish({ type: IDENTITY_CHANGED, data: { userId }, permission: 'admin:users' })
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not announce an identity change'));
}

/** Subscribes the cache to identity changes made on any replica; returns the unsubscribe function. */
export function followIdentityChanges(ctx: { principals: PrincipalCache; events: EventBus }): () => void {
  return ctx.events.subscribe((event) => {
    if (event.type === IDENTITY_CHANGED && typeof event.data.userId === 'string') {
      ctx.principals.forgetUser(event.data.userId);
    }
  });
}
