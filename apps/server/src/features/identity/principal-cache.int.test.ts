import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs, TEST_PASSWORD } from '../../test-support/auth';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../test-support/services';

type App = Awaited<ReturnType<typeof buildHttpApp>>;
type SignedIn = Awaited<ReturnType<typeof signInAs>>;

/** Polls until the probe holds; the elapsed time, or a failure after `ms`. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Two web replicas on one PostgreSQL and Redis, each trusting its copy of a session for a whole
 * minute (AUTH_CACHE_SECONDS=60): whatever makes a token stop working on the other replica within a
 * second is the identity.changed event, not the cache running out.
 */
describeWithServices({ postgres: true, redis: true }, 'signed-in sessions cached per replica', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  const prefix = `auth-${randomUUID().slice(0, 8)}`;
  const replicas: ReturnType<typeof createTestContext>[] = [];
  let appA: App;
  let appB: App;

  const replica = async (env: Record<string, string>) => {
    const test = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix, env });
    replicas.push(test);
    return { test, app: await buildHttpApp(test.ctx, { serveWeb: false }) };
  };
  const status = async (app: App, who: { headers: Record<string, string> }, url = '/api/auth/me') =>
    (await app.inject({ url, headers: who.headers })).statusCode;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    appA = (await replica({ AUTH_CACHE_SECONDS: '60' })).app;
    appB = (await replica({ AUTH_CACHE_SECONDS: '60' })).app;
    // The event subscribers connect lazily.
    await new Promise((r) => setTimeout(r, 300));
  });
  afterAll(async () => {
    await appA?.close();
    await appB?.close();
    for (const test of replicas) await test.close();
    await database?.drop();
  });

  /** A viewer signed in on A, whose token replica B has already accepted (and cached). */
  async function knownToB(): Promise<SignedIn> {
    const user = await signInAs(appA, replicas[0]!.ctx, 'viewer');
    expect(await status(appB, user)).toBe(200);
    return user;
  }

  it('logout on one replica: refused there at once, and on the other within a second', async () => {
    const user = await knownToB();
    expect(await status(appA, user)).toBe(200);
    const logout = await appA.inject({ method: 'POST', url: '/api/auth/logout', headers: user.headers });
    expect(logout.statusCode).toBe(204);
    expect(await status(appA, user)).toBe(401);
    expect(await within(1_000, async () => (await status(appB, user)) === 401)).toBeLessThan(1_000);
  });

  it('ending one session or all of them elsewhere stops the token on every replica', async () => {
    const user = await knownToB();
    const second = await appA.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD, mode: 'token' },
    });
    const other = { headers: { authorization: `Bearer ${second.json().tokens.accessToken}` } };
    const sessions = (await appA.inject({ url: '/api/auth/sessions', headers: other.headers })).json()
      .sessions as { id: string; current: boolean }[];
    const first = sessions.find((s) => !s.current)!;
    const revoke = await appA.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${first.id}`,
      headers: other.headers,
    });
    expect(revoke.statusCode).toBe(204);
    await within(1_000, async () => (await status(appB, user)) === 401);
    expect(await status(appB, other)).toBe(200);

    await appA.inject({ method: 'POST', url: '/api/auth/sessions/revoke-all', headers: other.headers });
    await within(1_000, async () => (await status(appB, other)) === 401);
  });

  it('a reused refresh token ends the family on every replica', async () => {
    const user = await knownToB();
    const refresh = (token: string) =>
      appA.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: token } });
    const rotated = (await refresh(user.refreshToken)).json().tokens;
    const next = { headers: { authorization: `Bearer ${rotated.accessToken}` } };
    expect(await status(appB, next)).toBe(200);
    expect((await refresh(user.refreshToken)).statusCode).toBe(401);
    await within(1_000, async () => (await status(appB, next)) === 401 && (await status(appB, user)) === 401);
  });

  it('a role change or a disabled account applies on the other replica within a second', async () => {
    const admin = await signInAs(appA, replicas[0]!.ctx, 'admin');
    const user = await knownToB();
    expect(await status(appB, user, '/api/admin/users')).toBe(403);
    const patch = (payload: object) =>
      appA.inject({
        method: 'PATCH',
        url: `/api/admin/users/${user.userId}`,
        headers: admin.headers,
        payload,
      });
    expect((await patch({ role: 'admin' })).statusCode).toBe(200);
    await within(1_000, async () => (await status(appB, user, '/api/admin/users')) === 200);
    expect((await appB.inject({ url: '/api/auth/me', headers: user.headers })).json().role).toBe('admin');

    expect((await patch({ disabled: true })).statusCode).toBe(200);
    await within(1_000, async () => (await status(appB, user)) === 401);
  });

  describe('without an event (published nowhere, e.g. a change made straight in the database)', () => {
    it('a replica trusts its copy for at most AUTH_CACHE_SECONDS', async () => {
      const { app: short, test } = await replica({ AUTH_CACHE_SECONDS: '1' });
      try {
        const user = await signInAs(short, test.ctx, 'viewer');
        expect(await status(short, user)).toBe(200);
        await database.handle.db
          .update(schema.sessions)
          .set({ revokedAt: sql`now()` })
          .where(eq(schema.sessions.userId, user.userId));
        const elapsed = await within(2_500, async () => (await status(short, user)) === 401);
        expect(elapsed).toBeLessThan(2_500);
        // Replica A, which read the session before, also stops within its own TTL — not asserted
        // here (60 s); the event is what makes it immediate.
      } finally {
        await short.close();
      }
    });
  });
});
