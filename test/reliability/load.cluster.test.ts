import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithServices,
  testDatabaseUrl,
  testRedisUrl,
} from '../../apps/server/src/test-support/services';
import { seedDemo } from './seed';
import { createSignInAccounts, type SignInAccounts } from './support/accounts';
import { type Cluster, createDatabase, residentBytes, signIn, startCluster } from './support/cluster';
import { runLoad } from './support/load';
import { realisticMix } from './support/mix';

/**
 * Correctness under load (latency figures are printed; the latency targets are measured by
 * `npm run bench:load`, never asserted here): 200 requests/s for RELIABILITY_LOAD_SECONDS over two
 * web replicas on a realistic mix — no error, no failed request, memory not growing without bound.
 */
const SECONDS = Number(process.env.RELIABILITY_LOAD_SECONDS ?? 60);
/** The load scenario needs a machine of its own: run it with RELIABILITY_LOAD=1 (`npm run test:reliability`). */
const loadWanted = process.env.RELIABILITY_LOAD === '1';
if (!loadWanted)
  console.warn('[skipped] load on two web replicas: set RELIABILITY_LOAD=1 on an otherwise idle machine');

describeWithServices({ postgres: true, redis: true }, 'load on two web replicas', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let cluster: Cluster;
  let accounts: SignInAccounts;

  beforeAll(async () => {
    if (!loadWanted) return;
    database = await createDatabase(testDatabaseUrl!);
    await seedDemo(database.url, 365, { refresh: true });
    cluster = await startCluster({
      databaseUrl: database.url,
      redisUrl: testRedisUrl!,
      webs: 2,
      workers: 1,
      env: { LOG_LEVEL: 'warn' },
    });
    // After the start: the first administrator is created only when no user exists.
    accounts = await createSignInAccounts(database.url, 100);
  }, 240_000);

  afterAll(async () => {
    await cluster?.stop();
    await database?.drop();
  });

  it.runIf(loadWanted)(`serves 200 requests/s for ${SECONDS} s with no error and stable memory`, async () => {
    const urls = cluster.webs.map((w) => w.url);
    const { accessToken } = await signIn(urls[0]!);
    const mix = await realisticMix(urls[0]!, accessToken, accounts);
    // Warm up (JIT, pools, caches), then measure.
    await runLoad({ baseUrls: urls, ratePerSecond: 100, seconds: 3, mix });
    const before = cluster.webs.map((w) => residentBytes(w.process.pid!));
    const result = await runLoad({ baseUrls: urls, ratePerSecond: 200, seconds: SECONDS, mix });
    const after = cluster.webs.map((w) => residentBytes(w.process.pid!));
    const growthMb = after.map((bytes, i) => Math.round((bytes - before[i]!) / 1e6));
    console.log(
      `[reliability] load ${SECONDS}s at 200 req/s: ${JSON.stringify({ ...result, rssBeforeMb: before.map((b) => Math.round(b / 1e6)), rssGrowthMb: growthMb })}`,
    );
    expect(result.errors).toBe(0);
    expect(result.failed).toBe(0);
    expect(result.ok).toBe(result.sent);
    for (const growth of growthMb) expect(growth).toBeLessThan(150);
  });
});
