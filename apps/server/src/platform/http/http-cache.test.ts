import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { enqueueSalesRefreshIfStale } from '../../features/analytics/jobs';
import { loadDemoData } from '../../features/demo/load-demo-data';
import type { Principal } from '../../features/identity/principal';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { replyFromCache } from '../cache/cached-reply';
import { callerOf } from './access-control';

let database: DatabaseHandle;
let test: ReturnType<typeof createTestContext>;
let app: Awaited<ReturnType<typeof buildHttpApp>>;
let computedFor: string[];

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  test = createTestContext(database);
  app = await buildHttpApp(test.ctx, { serveWeb: false });
  computedFor = [];
  // A read whose answer depends on the caller, cached the way feature routes cache theirs.
  app.get('/api/test/my-figures', { config: { access: 'read:overview' } }, async (request, reply) => {
    const caller = callerOf<Principal>(request);
    return replyFromCache(
      reply,
      test.ctx.cache,
      { namespace: 'test.my-figures', key: {}, scope: { userId: caller.userId } },
      z.object({ email: z.string() }),
      async () => {
        computedFor.push(caller.email);
        return { email: caller.email };
      },
    );
  });
});

afterAll(async () => {
  await app?.close();
  await test?.close();
  await database?.close();
});

describe('HTTP caching of API reads', () => {
  it('marks permission-guarded reads private for 5 minutes, varying by credentials, with an ETag and 304', async () => {
    const viewer = await signInAs(app, test.ctx, 'viewer');
    const first = await app.inject({ method: 'GET', url: '/api/overview', headers: viewer.headers });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, max-age=300');
    expect(first.headers.vary).toBe('Authorization, Cookie');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);

    const again = await app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: { ...viewer.headers, 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    const other = await app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: { ...viewer.headers, 'if-none-match': '"something-else"' },
    });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(first.body);
  });

  it('computes the ETag of uncached reads from the body too', async () => {
    const viewer = await signInAs(app, test.ctx, 'viewer');
    const first = await app.inject({ method: 'GET', url: '/api/overview/filters', headers: viewer.headers });
    const etag = first.headers.etag as string;
    const again = await app.inject({
      method: 'GET',
      url: '/api/overview/filters',
      headers: { ...viewer.headers, 'if-none-match': `W/${etag}, "x"` },
    });
    expect(again.statusCode).toBe(304);
  });

  it('never lets browsers or proxies keep sign-in, admin, status or error answers', async () => {
    const admin = await signInAs(app, test.ctx, 'admin');
    for (const url of ['/api/auth/me', '/api/admin/users', '/api/admin/feature-flags', '/api/status']) {
      const response = await app.inject({ method: 'GET', url, headers: admin.headers });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
      expect(response.headers.etag, url).toBeUndefined();
    }
    const unauthorised = await app.inject({ method: 'GET', url: '/api/overview' });
    expect(unauthorised.statusCode).toBe(401);
    expect(unauthorised.headers['cache-control']).toBe('no-store');
  });
});

describe('API cache', () => {
  it('never serves one user’s cached answer to another', async () => {
    const alice = await signInAs(app, test.ctx, 'viewer');
    const bob = await signInAs(app, test.ctx, 'viewer');
    const ask = async (who: typeof alice) =>
      (await app.inject({ method: 'GET', url: '/api/test/my-figures', headers: who.headers })).json().email;
    expect(await ask(alice)).toBe(alice.email);
    expect(await ask(bob)).toBe(bob.email);
    expect(await ask(alice)).toBe(alice.email);
    expect(await ask(bob)).toBe(bob.email);
    // Each user's answer was computed once and then served from the cache, to that user only.
    expect(computedFor).toEqual([alice.email, bob.email]);
  });

  it('serves new figures as soon as an ingest-driven refresh bumps the data version', async () => {
    const viewer = await signInAs(app, test.ctx, 'viewer');
    const revenue = async () => {
      const response = await app.inject({ method: 'GET', url: '/api/overview', headers: viewer.headers });
      return response.json().kpis.find((k: { key: string }) => k.key === 'revenue').value as number | null;
    };
    expect(await revenue()).toBeNull();
    await loadDemoData({
      db: database.db,
      logger: test.ctx.logger,
      endDate: new Date().toISOString().slice(0, 10),
      days: 45,
    });
    // The data changed underneath, but nothing said so yet: the cached answer stands.
    expect(await revenue()).toBeNull();
    // The analytics refresh that follows every load bumps the data version when it finishes.
    expect(await enqueueSalesRefreshIfStale(test.ctx)).toBe(true);
    await test.inProcessJobs!.whenIdle();
    expect(await revenue()).toBeGreaterThan(0);
  });
});
