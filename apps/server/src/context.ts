import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectPostgres, type Database, type DatabaseHandle, migratePglite, openPglite } from '@sentia/db';
import type { FeatureFlags } from './features/feature-flags/feature-flags';
import { PrincipalCache } from './features/identity/principal-cache';
import { MaintenanceSwitch } from './features/maintenance/maintenance-switch';
import { createOperations } from './features/system/operations';
import type { BuildInfo } from './platform/build-info';
import type { AppCache } from './platform/cache/app-cache';
import type { AppConfig } from './platform/config/load-config';
import { SecretBox } from './platform/crypto/secret-box';
import type { EventBus } from './platform/events/event-bus';
import { BullmqJobQueue } from './platform/jobs/bullmq-queue';
import type { JobObserver } from './platform/jobs/execute-job';
import { InProcessJobQueue } from './platform/jobs/in-process-queue';
import type { JobQueue } from './platform/jobs/job-definition';
import type { Logger } from './platform/logger';
import type { AppMetrics } from './platform/metrics/app-metrics';
import { MemoryRateLimiter, type RateLimiter, RedisRateLimiter } from './platform/rate-limiter';
import { connectRedis, type Redis } from './platform/redis';
import type { Telemetry } from './platform/telemetry/telemetry';

/**
 * The small set of dependencies every use case, route and job handler receives. Built once at
 * start-up; tests build it with real test instances.
 */
export interface AppContext {
  config: AppConfig;
  logger: Logger;
  db: Database;
  database: DatabaseHandle;
  /** Request-path Redis client; null in embedded mode. */
  redis: Redis | null;
  jobs: JobQueue<AppContext>;
  /** Shared across replicas through Redis in server mode. */
  rateLimiter: RateLimiter;
  /** Encrypts secrets stored in the database (connector credentials). */
  secretBox: SecretBox;
  maintenance: MaintenanceSwitch;
  build: BuildInfo;
  startedAt: Date;
  /** Prometheus metrics of this process (GET /api/metrics; the worker's own port). */
  metrics: AppMetrics;
  /** API and computed-data cache (Redis in server mode), invalidated by data version. */
  cache: AppCache;
  /** Live-update events (Redis pub/sub in server mode), pushed to browsers by GET /api/events. */
  events: EventBus;
  /** Feature flags with run-time overrides: use isFeatureEnabled(ctx, key). */
  flags: FeatureFlags;
  /** Sentry and OpenTelemetry, when their keys are set. */
  telemetry: Telemetry;
  /** Reports each job attempt (metrics, events, traces, errors); used by executeJob. */
  jobObserver: JobObserver;
  /** This replica's recently verified tokens and sessions (features/identity/principal-cache.ts). */
  principals: PrincipalCache;
}

export interface OpenedContext {
  ctx: AppContext;
  /** Present when jobs run in this process (embedded mode without Redis). */
  inProcessJobs: InProcessJobQueue<AppContext> | null;
  close(): Promise<void>;
}

/** Opens the database (migrating PGlite in embedded mode), Redis and the job queue. */
export async function openContext(
  config: AppConfig,
  logger: Logger,
  build: BuildInfo,
): Promise<OpenedContext> {
  const database = config.DATABASE_URL
    ? connectPostgres({
        url: config.DATABASE_URL,
        poolMax: config.DATABASE_POOL_MAX,
        applicationName: `sentia-${config.role}`,
      })
    : await openEmbeddedDatabase(config, logger);

  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL, 'requests', `sentia-${config.role}`) : null;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));

  let inProcessJobs: InProcessJobQueue<AppContext> | null = null;
  let jobs: JobQueue<AppContext>;
  if (redis) {
    jobs = new BullmqJobQueue<AppContext>(redis, { prefix: config.QUEUE_PREFIX });
  } else {
    inProcessJobs = new InProcessJobQueue<AppContext>({ concurrency: config.WORKER_CONCURRENCY, logger });
    jobs = inProcessJobs;
  }

  const operations = createOperations({ config, logger, database, redis, jobs, build });
  await operations.telemetry.start(
    config,
    { service: `sentia-${config.role}`, version: build.version },
    logger,
  );

  const ctx: AppContext = {
    config,
    logger,
    db: database.db,
    database,
    redis,
    jobs,
    rateLimiter: redis
      ? new RedisRateLimiter(redis, `${config.QUEUE_PREFIX}:ratelimit:`)
      : new MemoryRateLimiter(),
    secretBox: new SecretBox(requireSecret(config.CREDENTIALS_ENCRYPTION_KEY, 'CREDENTIALS_ENCRYPTION_KEY')),
    maintenance: new MaintenanceSwitch(database.db, config.MAINTENANCE_MODE),
    build,
    startedAt: new Date(),
    metrics: operations.metrics,
    cache: operations.cache,
    events: operations.events,
    flags: operations.flags,
    telemetry: operations.telemetry,
    jobObserver: operations.jobObserver,
    principals: new PrincipalCache({ ttlMs: config.AUTH_CACHE_SECONDS * 1000 }),
  };
  return {
    ctx,
    inProcessJobs,
    async close() {
      await jobs.close().catch((error) => logger.warn({ err: error }, 'closing job queue failed'));
      await operations.close().catch((error) => logger.warn({ err: error }, 'closing operations failed'));
      await redis?.quit().catch(() => redis.disconnect());
      await database.close().catch((error) => logger.warn({ err: error }, 'closing database failed'));
    },
  };
}

async function openEmbeddedDatabase(config: AppConfig, logger: Logger): Promise<DatabaseHandle> {
  const dir = path.join(config.dataDir, 'pglite');
  const releaseLock = acquireDataDirLock(config.dataDir);
  const started = performance.now();
  const handle = await openPglite(dir);
  await migratePglite(handle);
  logger.info({ dataDir: dir, ms: Math.round(performance.now() - started) }, 'embedded database ready');
  return {
    ...handle,
    async close() {
      await handle.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is a single-process database: a second process opening the same folder would corrupt it.
 * A lock file with our pid refuses that clearly; a lock left by a process that died is taken over.
 */
function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'embedded.lock');
  try {
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. Stop that process (npm start) first, or use another DATA_DIR.`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** loadConfig guarantees the signing secrets (generated in embedded mode, required otherwise). */
export function requireSecret(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not configured`);
  return value;
}
