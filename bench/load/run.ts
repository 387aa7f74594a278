/**
 * `npm run bench:load` — the reliability issue's load figures, on the production shape: two web
 * replicas (`server.js`) and a worker over PostgreSQL and Redis, driven by an open-loop generator on
 * the realistic mix (dashboard summary and filters, forecasts, inventory, working capital, cash
 * forecast, who-am-I, status, ~1% sign-ins by different people from different addresses).
 *
 * 1. The scenario: 200 req/s over both replicas for BENCH_DURATION s (default 60) — errors, latency
 *    percentiles and each replica's resident memory before and after.
 * 2. The knee, for one replica alone and for the two behind round-robin: the rate rises by
 *    BENCH_KNEE_FACTOR (1.5) from BENCH_KNEE_START req/s (50), BENCH_STEP_SECONDS (15) per step,
 *    until p95 reaches the 100 ms target, a request fails, or the generator cannot keep the rate.
 *    The knee is the last rate that held; per replica it is compared with the spec's 1,000
 *    requests/min.
 *
 * Needs BENCH_DATABASE_URL (or TEST_DATABASE_URL) and BENCH_REDIS_URL (or TEST_REDIS_URL), and the
 * built app (the npm script builds it). Run it on an otherwise idle machine: the generator, both
 * replicas, PostgreSQL and Redis share its cores. The last line is one JSON object.
 */
import { cpus, loadavg } from 'node:os';
import { seedDemo } from '../../test/reliability/seed';
import { createSignInAccounts } from '../../test/reliability/support/accounts';
import { createDatabase, residentBytes, signIn, startCluster } from '../../test/reliability/support/cluster';
import { type LoadResult, runLoad } from '../../test/reliability/support/load';
import { realisticMix } from '../../test/reliability/support/mix';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
const duration = Number(process.env.BENCH_DURATION ?? 60);
const stepSeconds = Number(process.env.BENCH_STEP_SECONDS ?? 15);
const kneeStart = Number(process.env.BENCH_KNEE_START ?? 50);
const kneeFactor = Number(process.env.BENCH_KNEE_FACTOR ?? 1.5);
const kneeMax = Number(process.env.BENCH_KNEE_MAX ?? 5_000);
const demoDays = Number(process.env.BENCH_DEMO_DAYS ?? 365);
const P95_TARGET_MS = 100;
const SPEC_PER_REPLICA_PER_MINUTE = 1_000;

const mb = (bytes: number) => Math.round(bytes / 1e6);
const summary = (r: LoadResult) => ({
  sent: r.sent,
  ok: r.ok,
  failed: r.failed,
  errors: r.errors,
  achievedRate: r.achievedRate,
  p50Ms: r.p50Ms,
  p95Ms: r.p95Ms,
  p99Ms: r.p99Ms,
  maxMs: r.maxMs,
  statusCounts: r.statusCounts,
});

async function main(): Promise<void> {
  if (!databaseUrl || !redisUrl) {
    throw new Error(
      'bench:load needs BENCH_DATABASE_URL and BENCH_REDIS_URL (or TEST_DATABASE_URL / TEST_REDIS_URL)',
    );
  }
  const machine = { cpus: cpus().length, loadAverageAtStart: loadavg().map((l) => Math.round(l * 10) / 10) };
  const database = await createDatabase(databaseUrl);
  const cluster = await (async () => {
    await seedDemo(database.url, demoDays, { refresh: true });
    return startCluster({
      databaseUrl: database.url,
      redisUrl,
      webs: 2,
      workers: 1,
      env: { LOG_LEVEL: 'warn' },
    });
  })();
  try {
    const accounts = await createSignInAccounts(database.url, 500);
    const urls = cluster.webs.map((w) => w.url);
    const mixFor = async () => realisticMix(urls[0]!, (await signIn(urls[0]!)).accessToken, accounts);
    let mix = await mixFor();
    let mixSince = Date.now();
    await runLoad({ baseUrls: urls, ratePerSecond: 100, seconds: 5, mix });

    const before = cluster.webs.map((w) => residentBytes(w.process.pid!));
    const scenario = await runLoad({ baseUrls: urls, ratePerSecond: 200, seconds: duration, mix });
    const after = cluster.webs.map((w) => residentBytes(w.process.pid!));
    const scenarioResult = {
      rate: 200,
      seconds: duration,
      ...summary(scenario),
      p95TargetMet: scenario.p95Ms < P95_TARGET_MS,
      rssBeforeMb: before.map(mb),
      rssAfterMb: after.map(mb),
    };
    console.log(`scenario 200 req/s × ${duration} s: ${JSON.stringify(scenarioResult)}`);

    const knee = async (label: string, baseUrls: string[]) => {
      const steps: (ReturnType<typeof summary> & { rate: number; held: boolean })[] = [];
      let held: number | null = null;
      for (let rate = kneeStart; rate <= kneeMax; rate = Math.round(rate * kneeFactor)) {
        // A fresh access token well before the last one expires (they last 15 minutes); not on every
        // step, since the admin's sign-ins are limited (10 in 15 minutes) like anyone's.
        if (Date.now() - mixSince > 10 * 60_000) {
          mix = await mixFor();
          mixSince = Date.now();
        }
        const result = await runLoad({ baseUrls, ratePerSecond: rate, seconds: stepSeconds, mix });
        const ok =
          result.failed === 0 &&
          result.errors === 0 &&
          result.p95Ms < P95_TARGET_MS &&
          result.achievedRate >= rate * 0.95;
        steps.push({ rate, held: ok, ...summary(result) });
        console.log(
          `${label} at ${rate} req/s: ${ok ? 'held' : 'past the knee'} ${JSON.stringify(summary(result))}`,
        );
        if (!ok) break;
        held = rate;
      }
      // Every step held up to BENCH_KNEE_MAX: the knee lies beyond it.
      return { kneeRate: held, beyondMax: steps.every((s) => s.held), steps };
    };
    const one = await knee('one replica', [urls[0]!]);
    const two = await knee('two replicas', urls);
    const perReplicaPerMinute = (rate: number | null, replicas: number) =>
      rate === null ? null : Math.round((rate * 60) / replicas);
    const oneReplicaPerMinute = perReplicaPerMinute(one.kneeRate, 1);
    console.log(
      JSON.stringify({
        bench: 'load',
        machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 10) / 10) },
        p95TargetMs: P95_TARGET_MS,
        scenario: scenarioResult,
        knee: {
          oneReplica: {
            requestsPerSecond: one.kneeRate,
            requestsPerMinute: oneReplicaPerMinute,
            beyondMax: one.beyondMax,
          },
          twoReplicas: {
            requestsPerSecond: two.kneeRate,
            beyondMax: two.beyondMax,
            requestsPerMinutePerReplica: perReplicaPerMinute(two.kneeRate, 2),
          },
          specPerReplicaPerMinute: SPEC_PER_REPLICA_PER_MINUTE,
          timesSpecPerReplica:
            oneReplicaPerMinute === null
              ? null
              : Math.round((oneReplicaPerMinute / SPEC_PER_REPLICA_PER_MINUTE) * 10) / 10,
          steps: { oneReplica: one.steps, twoReplicas: two.steps },
        },
      }),
    );
  } finally {
    await cluster.stop();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
