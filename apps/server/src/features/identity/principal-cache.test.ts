import { describe, expect, it } from 'vitest';
import { PrincipalCache } from './principal-cache';

const user = (role: string) => ({
  userId: 'u1',
  email: 'a@example.test',
  name: 'A',
  role,
  permissions: ['read:*'],
});
const claims = { userId: 'u1', sessionId: 's1' };

describe('PrincipalCache', () => {
  it('remembers a session’s user until forgetUser, and only for the user the token names', () => {
    const cache = new PrincipalCache({ ttlMs: 60_000 });
    cache.rememberUser(claims, user('viewer'), cache.begin());
    expect(cache.user(claims)?.role).toBe('viewer');
    expect(cache.user({ userId: 'u2', sessionId: 's1' })).toBeUndefined();
    cache.forgetUser('someone-else');
    expect(cache.user(claims)?.role).toBe('viewer');
    cache.forgetUser('u1');
    expect(cache.user(claims)).toBeUndefined();
  });

  it('does not store a read that started before a forget (it may predate the revocation)', () => {
    const cache = new PrincipalCache({ ttlMs: 60_000 });
    const generation = cache.begin();
    cache.forgetUser('u1');
    cache.rememberUser(claims, user('viewer'), generation);
    expect(cache.user(claims)).toBeUndefined();
  });

  it('keeps nothing per session when switched off (AUTH_CACHE_SECONDS=0)', () => {
    const cache = new PrincipalCache({ ttlMs: 0 });
    cache.rememberUser(claims, user('viewer'), cache.begin());
    expect(cache.user(claims)).toBeUndefined();
  });

  it('serves verified token claims only until the token expires', () => {
    const cache = new PrincipalCache({ ttlMs: 5_000 });
    cache.rememberClaims('live', claims, Date.now() + 60_000);
    cache.rememberClaims('gone', claims, Date.now() - 1);
    expect(cache.claims('live')).toMatchObject(claims);
    expect(cache.claims('gone')).toBeUndefined();
    expect(cache.claims('never-seen')).toBeUndefined();
  });

  it('asks for a session to be touched once per interval, not on every request', () => {
    const cache = new PrincipalCache({ ttlMs: 5_000 });
    expect(cache.shouldTouch('s1')).toBe(true);
    expect(cache.shouldTouch('s1')).toBe(false);
    expect(cache.shouldTouch('s2')).toBe(true);
  });
});
