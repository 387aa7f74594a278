/**
 * `npm run bench:api` — throughput and latency of the API in one process and run:
 * - a bare Fastify "hello" route (the ceiling for this machine and Node),
 * - the cached dashboard summary (GET /api/overview, authenticated, served from the API cache),
 * - an uncached DB-backed read (GET /api/system/syncs: authenticated, one query, never cached) at a
 *   fixed 200 req/s, evenly spaced (open loop, load-client.mjs), where the target is p95 < 50 ms — and,
 *   for reference, the same 200 req/s as autocannon's rate limit sends it (each connection's share of
 *   a second back-to-back: a 20-way burst every second),
 * - a Prometheus scrape of /api/metrics at 5 req/s (target: under 50 ms),
 * - for reference, the cheapest authenticated route (GET /api/features, answered from memory): every
 *   signed-in request pays for authentication (token check, user and session look-ups), so this is
 *   the ceiling any cached answer can reach.
 * - for reference, the bare server answering with the summary's exact bytes (its body and headers):
 *   the cost of the response itself, before anything the app does.
 * Target: cached summary ≥ 60% of the bare route's throughput. Embedded mode (PGlite, in-memory LRU)
 * by default; BENCH_DATABASE_URL and BENCH_REDIS_URL run it on PostgreSQL and Redis instead.
 * Settings: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 50), BENCH_DEMO_DAYS (365).
 * The last line is one JSON object.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, migratePglite, openPglite } from '@sentia/db';
import Fastify from 'fastify';
import { refreshSalesDaily } from '../../apps/server/src/features/analytics/refresh-sales-daily';
import { loadDemoData } from '../../apps/server/src/features/demo/load-demo-data';
import { buildHttpApp } from '../../apps/server/src/http-app';
import { createTestContext } from '../../apps/server/src/test-support/app-context';
import { signInAs } from '../../apps/server/src/test-support/auth';
import { createPostgresTestDatabase } from '../../apps/server/src/test-support/database';

interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const demoDays = Number(process.env.BENCH_DEMO_DAYS ?? 365);
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;

function load(options: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(import.meta.dirname, 'load-client.mjs'), JSON.stringify(options)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`load exited ${code}`)),
    );
  });
}

async function openDatabase(): Promise<{ handle: DatabaseHandle; close(): Promise<void> }> {
  if (databaseUrl) {
    const database = await createPostgresTestDatabase(databaseUrl, { poolMax: 10 });
    return { handle: database.handle, close: () => database.drop() };
  }
  const handle = await openPglite(undefined);
  await migratePglite(handle);
  return { handle, close: () => handle.close() };
}

async function main(): Promise<void> {
  const started = performance.now();
  const database = await openDatabase();
  // No forecast catch-up check a minute after start (embedded mode would run it in this process,
  // in the middle of a measurement).
  const env = { FORECAST_SCHEDULE: 'off' };
  const test = createTestContext(
    database.handle,
    redisUrl ? { redisUrl, bullmqPrefix: `bench-${Date.now()}`, env } : { env },
  );
  const endDate = new Date().toISOString().slice(0, 10);
  const loaded = await loadDemoData({
    db: database.handle.db,
    logger: test.ctx.logger,
    endDate,
    days: demoDays,
  });
  await refreshSalesDaily(database.handle.db);
  process.stderr.write(
    `demo data: ${loaded.totals.written} records over ${demoDays} days in ${Math.round(performance.now() - started)} ms (${databaseUrl ? 'PostgreSQL' : 'PGlite'}, cache ${test.ctx.cache.kind})\n`,
  );

  const app = await buildHttpApp(test.ctx, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  // The cached summary's exact bytes (body and headers) from the bare server: what answering with
  // that response costs before any of the app's work (set once the summary has been fetched).
  let sameResponse = { body: '', headers: {} as Record<string, string> };
  bare.get('/same-response', async (_request, reply) =>
    reply.headers(sameResponse.headers).send(sameResponse.body),
  );
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const base = (server: { server: { address(): unknown } }) => {
    const address = server.server.address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  };
  const viewer = await signInAs(app, test.ctx, 'viewer');
  const headers = { ...viewer.headers };

  // Warm up: JIT, the cache entry, connections.
  for (let i = 0; i < 200; i++) {
    await fetch(`${base(bare)}/hello`);
    await fetch(`${base(app)}/api/overview`, { headers });
    await fetch(`${base(app)}/api/system/syncs`, { headers });
    await fetch(`${base(app)}/api/features`, { headers });
  }
  // Jobs queued by the data load (analytics, forecasts) run in-process in embedded mode: let them
  // finish, or they compete for the database with the requests measured.
  await test.inProcessJobs?.whenIdle();
  const overviewResponse = await fetch(`${base(app)}/api/overview`, { headers });
  const overviewText = await overviewResponse.text();
  const overviewBody = JSON.parse(overviewText);
  sameResponse = {
    body: overviewText,
    headers: Object.fromEntries(
      [...overviewResponse.headers].filter(
        ([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name),
      ),
    ),
  };
  const revenue = (overviewBody as { kpis: { key: string; value: number | null }[] }).kpis.find(
    (k) => k.key === 'revenue',
  )?.value;

  const results = {
    bare: await load({ url: `${base(bare)}/hello`, connections, duration }),
    bareSameResponse: await load({ url: `${base(bare)}/same-response`, connections, duration }),
    cachedSummary: await load({ url: `${base(app)}/api/overview`, headers, connections, duration }),
    authenticatedFloor: await load({ url: `${base(app)}/api/features`, headers, connections, duration }),
    uncachedAt200: await load({
      url: `${base(app)}/api/system/syncs`,
      headers,
      connections: 20,
      duration,
      overallRate: 200,
      paced: true,
    }),
    uncachedBurst200: await load({
      url: `${base(app)}/api/system/syncs`,
      headers,
      connections: 20,
      duration,
      overallRate: 200,
    }),
    metricsScrape: await load({
      url: `${base(app)}/api/metrics`,
      connections: 1,
      duration,
      overallRate: 5,
      paced: true,
    }),
  };

  const ratio = results.cachedSummary.requestsPerSecond / results.bare.requestsPerSecond;
  const ofSameResponse = results.cachedSummary.requestsPerSecond / results.bareSameResponse.requestsPerSecond;
  const sameToBare = results.bareSameResponse.requestsPerSecond / results.bare.requestsPerSecond;
  const ofAuthenticated =
    results.cachedSummary.requestsPerSecond / results.authenticatedFloor.requestsPerSecond;
  const row = (name: string, r: LoadResult) =>
    `${name.padEnd(34)} ${r.requestsPerSecond.toFixed(0).padStart(8)} req/s  p50 ${fmt(r.p50)}  p95 ${fmt(r.p95)}  p99 ${fmt(r.p99)}  statuses ${JSON.stringify(r.statuses)}`;
  process.stdout.write(
    [
      row('bare Fastify GET /hello', results.bare),
      row('bare Fastify, the summary’s bytes', results.bareSameResponse),
      row('cached GET /api/overview', results.cachedSummary),
      row('authenticated GET /api/features', results.authenticatedFloor),
      row('uncached GET /api/system/syncs @200', results.uncachedAt200),
      row('  same, autocannon 20-way bursts', results.uncachedBurst200),
      row('GET /api/metrics @5', results.metricsScrape),
      `cached summary / bare throughput: ${(ratio * 100).toFixed(1)}% (target ≥ 60%); / cheapest authenticated route: ${(ofAuthenticated * 100).toFixed(1)}%`,
      `the summary's bytes from bare Fastify / bare hello: ${(sameToBare * 100).toFixed(1)}%; cached summary / the same bytes from bare Fastify: ${(ofSameResponse * 100).toFixed(1)}%`,
      `uncached p95 at 200 req/s: ${fmt(results.uncachedAt200.p95)} (target < 50 ms); metrics scrape p95 ${fmt(results.metricsScrape.p95)} (target < 50 ms)`,
      '',
    ].join('\n'),
  );
  process.stdout.write(
    `${JSON.stringify({
      mode: databaseUrl ? 'postgres+redis' : 'embedded',
      // Other work on the machine skews every figure; the ratios are what compare across runs.
      machine: { cpus: cpus().length, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 },
      cache: redisUrl ? 'redis' : 'memory',
      durationSeconds: duration,
      connections,
      demoDays,
      overviewRevenueMinor: revenue ?? null,
      bare: results.bare,
      cachedSummary: results.cachedSummary,
      uncachedAt200: results.uncachedAt200,
      uncachedBurst200: results.uncachedBurst200,
      metricsScrape: results.metricsScrape,
      authenticatedFloor: results.authenticatedFloor,
      bareSameResponse: results.bareSameResponse,
      sameResponseToBareRatio: Math.round(sameToBare * 1000) / 1000,
      cachedToSameResponseRatio: Math.round(ofSameResponse * 1000) / 1000,
      cachedToBareRatio: Math.round(ratio * 1000) / 1000,
      cachedToAuthenticatedFloorRatio: Math.round(ofAuthenticated * 1000) / 1000,
      targets: {
        cachedToBareAtLeast: 0.6,
        cachedToBareMet: ratio >= 0.6,
        uncachedP95BelowMs: 50,
        uncachedP95Met: (results.uncachedAt200.p95 ?? Infinity) < 50,
        metricsP95BelowMs: 50,
        metricsP95Met: (results.metricsScrape.p95 ?? Infinity) < 50,
      },
    })}\n`,
  );

  // Results are out; stop what the app started (background jobs included) without letting a slow
  // shutdown hold the process.
  const teardown = (async () => {
    await app.close();
    await bare.close();
    await test.close();
    await database.close();
  })();
  await Promise.race([teardown, new Promise((r) => setTimeout(r, 10_000))]);
  process.exit(0);
}

function fmt(ms: number | null): string {
  return ms === null ? '—' : `${ms.toFixed(1)} ms`;
}

await main();
