import type { DependencyState, StatusResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import { pingRedis, withTimeout } from '../../platform/redis';
import { connectorsDependency } from '../sync/connector-health';

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Each dependency with its state and latency. The database is always required; Redis and the
 * queues are required in server mode (jobs and shared state live there) and absent in embedded mode.
 */
export async function getStatus(ctx: AppContext): Promise<StatusResponse> {
  const [dependencies, maintenance] = await Promise.all([
    Promise.all([checkDatabase(ctx), checkRedis(ctx), checkQueues(ctx)]),
    ctx.maintenance.current().catch(() => ({ enabled: ctx.config.MAINTENANCE_MODE })),
  ]);
  // A connector failing repeatedly shows here as degraded (never required: the others keep syncing).
  dependencies.push(await connectorsDependency(ctx));
  const requiredDown = dependencies.some((d) => d.required && d.state === 'down');
  const anyDegraded = dependencies.some((d) => d.state === 'degraded' || (!d.required && d.state === 'down'));
  return {
    status: requiredDown ? 'down' : anyDegraded ? 'degraded' : 'ok',
    version: ctx.build.version,
    commit: ctx.build.commit,
    environment: ctx.config.NODE_ENV,
    mode: ctx.config.mode,
    role: ctx.config.role,
    uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
    maintenance: maintenance.enabled,
    dependencies,
  };
}

async function checkDatabase(ctx: AppContext): Promise<DependencyState> {
  const name = ctx.database.kind === 'pglite' ? 'database (embedded PGlite)' : 'database (PostgreSQL)';
  try {
    const latencyMs = await withTimeout(
      ctx.database.ping(),
      CHECK_TIMEOUT_MS,
      'database did not answer in time',
    );
    const pool = ctx.database.poolStats();
    const inUse = pool.total - pool.idle;
    return {
      name,
      state: 'up',
      required: true,
      latencyMs,
      detail: `pool ${inUse}/${pool.max} in use, ${pool.waiting} waiting`,
    };
  } catch (error) {
    return { name, state: 'down', required: true, latencyMs: null, detail: describe(error) };
  }
}

async function checkRedis(ctx: AppContext): Promise<DependencyState> {
  if (!ctx.redis) {
    return {
      name: 'redis',
      state: 'not_configured',
      required: false,
      latencyMs: null,
      detail: 'embedded mode: jobs run in-process',
    };
  }
  try {
    return {
      name: 'redis',
      state: 'up',
      required: true,
      latencyMs: await pingRedis(ctx.redis, CHECK_TIMEOUT_MS),
    };
  } catch (error) {
    return { name: 'redis', state: 'down', required: true, latencyMs: null, detail: describe(error) };
  }
}

async function checkQueues(ctx: AppContext): Promise<DependencyState> {
  const name = ctx.jobs.kind === 'bullmq' ? 'queues (BullMQ)' : 'queues (in-process)';
  const started = performance.now();
  try {
    const counts = await withTimeout(
      ctx.jobs.counts(),
      CHECK_TIMEOUT_MS,
      'queue counts did not answer in time',
    );
    const waiting = counts.reduce((sum, c) => sum + c.waiting, 0);
    const failed = counts.reduce((sum, c) => sum + c.failed, 0);
    return {
      name,
      state: 'up',
      required: ctx.jobs.kind === 'bullmq',
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      detail: `${waiting} waiting, ${failed} failed`,
    };
  } catch (error) {
    return {
      name,
      state: 'down',
      required: ctx.jobs.kind === 'bullmq',
      latencyMs: null,
      detail: describe(error),
    };
  }
}

/** A short reason without connection strings or stack traces. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : 'unreachable';
  return message.replace(/\w+:\/\/\S+/g, '[url]').slice(0, 200);
}
