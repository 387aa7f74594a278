import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from './http-app';
import { createServer } from './platform/http/create-server';
import { serveWebApp } from './platform/http/serve-web-app';
import { createTestContext } from './test-support/app-context';
import { signInAs } from './test-support/auth';
import { createPgliteTestDatabase } from './test-support/database';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let app: Awaited<ReturnType<typeof buildHttpApp>>;
let viewer: { authorization: string };

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database);
  app = await buildHttpApp(testContext.ctx, { serveWeb: false });
  viewer = (await signInAs(app, testContext.ctx, 'viewer')).headers;
});

afterAll(async () => {
  await app?.close();
  await testContext?.close();
  await database?.close();
});

describe('system endpoints', () => {
  it('answers liveness without touching dependencies', async () => {
    const doomed = await createPgliteTestDatabase();
    const other = createTestContext(doomed);
    const otherApp = await buildHttpApp(other.ctx, { serveWeb: false });
    await doomed.close();
    try {
      const response = await otherApp.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
    } finally {
      await otherApp.close();
      await other.close();
    }
  });

  it('reports version, mode and each dependency with its latency', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/status' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'ok', mode: 'embedded', version: '0.0.0-test', maintenance: false });
    const db = body.dependencies.find((d: { name: string }) => d.name.startsWith('database'));
    expect(db.state).toBe('up');
    expect(typeof db.latencyMs).toBe('number');
    expect(body.dependencies.find((d: { name: string }) => d.name === 'redis').state).toBe('not_configured');
  });

  it('answers 503 with the failing dependency when the database is down', async () => {
    const broken = await createPgliteTestDatabase();
    await broken.close();
    const original = testContext.ctx.database;
    testContext.ctx.database = broken;
    try {
      const response = await app.inject({ method: 'GET', url: '/api/status' });
      expect(response.statusCode).toBe(503);
      expect(response.json().dependencies[0]).toMatchObject({ state: 'down', required: true });
    } finally {
      testContext.ctx.database = original;
    }
  });

  it('echoes a sane X-Request-Id and invents one otherwise', async () => {
    const given = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const invented = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': '<script>' },
    });
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes the OpenAPI document generated from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/status', '/api/overview', '/api/overview/filters']),
    );
    expect(document.paths['/api/overview'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'region', 'channel', 'sku']),
    );
  });
});

describe('errors', () => {
  it('refuses bad query input with problem+json naming the field', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/overview?from=31-12-2026',
      headers: viewer,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({
      type: '/problems/validation-failed',
      status: 400,
      instance: '/api/overview',
    });
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'querystring.from' })]);
    expect(problem.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers unknown API paths with a 404 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('never leaks internals of an unexpected error', async () => {
    const original = testContext.ctx.db;
    const failing = new Proxy(original, {
      get(target, property, receiver) {
        if (property === 'select')
          throw new Error('relation "secret_table" does not exist at /srv/app/query.ts:42');
        return Reflect.get(target, property, receiver);
      },
    });
    testContext.ctx.db = failing;
    try {
      const response = await app.inject({ method: 'GET', url: '/api/overview/filters', headers: viewer });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('secret_table');
      expect(response.body).not.toContain('query.ts');
      expect(response.json()).toMatchObject({ type: '/problems/internal-error', status: 500 });
    } finally {
      testContext.ctx.db = original;
    }
  });

  it('answers an overview without data with gaps, not numbers', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/overview', headers: viewer });
    expect(response.statusCode).toBe(200);
    // A permission-guarded read: private to the browser for REDIS_CACHE_TTL, revalidated by ETag.
    expect(response.headers['cache-control']).toBe('private, max-age=300');
    expect(response.headers.vary).toBe('Authorization, Cookie');
    const body = response.json();
    expect(body.kpis.every((k: { value: unknown }) => k.value === null)).toBe(true);
  });
});

describe('serving the dashboard', () => {
  /** A server over a built-app directory holding `files` (paths relative to it, `assets/` included). */
  async function serveBuiltApp(files: Record<string, string | Buffer>) {
    const root = mkdtempSync(path.join(tmpdir(), 'sentia-web-'));
    mkdirSync(path.join(root, 'assets'));
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, name), content);
    const web = await createServer({
      logger: testContext.ctx.logger,
      version: 'test',
      cookieSecret: 's'.repeat(40),
    });
    await serveWebApp(web, root);
    return { web, root };
  }

  it('serves hashed assets as immutable, index.html revalidated, and client routes as index.html', async () => {
    const { web } = await serveBuiltApp({
      'index.html': '<!doctype html><title>Sentia</title>',
      'assets/index-abc123.js': 'console.log(1)',
    });
    try {
      const asset = await web.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const page = await web.inject({ method: 'GET', url: '/inventory?region=UK' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('<title>Sentia</title>');
      const root = await web.inject({ method: 'GET', url: '/' });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('<title>Sentia</title>');
      const missingAsset = await web.inject({ method: 'GET', url: '/assets/missing.js' });
      expect(missingAsset.statusCode).toBe(404);
    } finally {
      await web.close();
    }
  });

  it('sends the build’s brotli or gzip copy to a browser that accepts it, with the original’s caching', async () => {
    const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ sku: `SKU-${i}` })))};`;
    const page = `<!doctype html><title>Sentia</title>${'<p>dashboard</p>'.repeat(200)}`;
    const { web, root } = await serveBuiltApp({
      'index.html': page,
      'index.html.br': brotliCompressSync(page),
      'assets/index-abc123.js': script,
      'assets/index-abc123.js.br': brotliCompressSync(script),
      'assets/index-abc123.js.gz': gzipSync(script),
    });
    try {
      const url = '/assets/index-abc123.js';
      const brotli = await web.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(brotli.statusCode).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['content-type']).toMatch(/javascript/);
      expect(brotli.headers.vary).toMatch(/accept-encoding/i);
      expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(script);
      expect(Number(brotli.headers['content-length'])).toBeLessThan(script.length / 4);

      const gzip = await web.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);

      const plain = await web.inject({ url });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(script);

      // Files under the 1 kB threshold have no compressed copy: the original is sent.
      writeFileSync(path.join(root, 'assets', 'tiny-abc123.js'), 'export {};');
      const tiny = await web.inject({
        url: '/assets/tiny-abc123.js',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(tiny.statusCode).toBe(200);
      expect(tiny.headers['content-encoding']).toBeUndefined();
      expect(tiny.body).toBe('export {};');

      for (const pageUrl of ['/', '/inventory']) {
        const html = await web.inject({ url: pageUrl, headers: { 'accept-encoding': 'br' } });
        expect(html.statusCode, pageUrl).toBe(200);
        expect(html.headers['content-encoding'], pageUrl).toBe('br');
        expect(html.headers['content-type'], pageUrl).toMatch(/text\/html/);
        expect(html.headers['cache-control'], pageUrl).toBe('no-cache');
        expect(brotliDecompressSync(html.rawPayload).toString(), pageUrl).toBe(page);
      }
    } finally {
      await web.close();
    }
  });
});
