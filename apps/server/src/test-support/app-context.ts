import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '@sentia/db';
import { type AppContext, requireSecret } from '../context';
import { PrincipalCache } from '../features/identity/principal-cache';
import { MaintenanceSwitch } from '../features/maintenance/maintenance-switch';
import { createOperations } from '../features/system/operations';
import { type AppConfig, loadConfig } from '../platform/config/load-config';
import { SecretBox } from '../platform/crypto/secret-box';
import { BullmqJobQueue } from '../platform/jobs/bullmq-queue';
import { InProcessJobQueue } from '../platform/jobs/in-process-queue';
import { createLogger, type Logger } from '../platform/logger';
import { MemoryRateLimiter, RedisRateLimiter } from '../platform/rate-limiter';
import { connectRedis, type Redis } from '../platform/redis';

/** Shared by every test context, as replicas share them in production. */
export const TEST_SECRETS = {
  JWT_ACCESS_SECRET: 'test-access-secret-0123456789abcdef0123456789',
  JWT_REFRESH_SECRET: 'test-refresh-secret-0123456789abcdef012345678',
  SESSION_SECRET: 'test-session-secret-0123456789abcdef0123456789',
  CREDENTIALS_ENCRYPTION_KEY: 'test-credentials-key-0123456789abcdef01234567',
};

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig('embedded', {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sentia-test-')),
    LOG_LEVEL: 'silent',
    ...TEST_SECRETS,
    ...env,
  });
}

export function silentLogger(): Logger {
  return createLogger({ level: 'silent', secretValues: [] });
}

/**
 * An application context over a test database: jobs in-process, or on BullMQ with a fresh key
 * prefix when a Redis URL is given.
 */
export function createTestContext(
  database: DatabaseHandle,
  options: {
    redisUrl?: string;
    bullmqPrefix?: string;
    env?: Record<string, string>;
    /** Capture every log line (at debug level) instead of discarding them. */
    logLines?: string[];
  } = {},
): { ctx: AppContext; inProcessJobs: InProcessJobQueue<AppContext> | null; close(): Promise<void> } {
  const config = testConfig(options.env);
  const lines = options.logLines;
  const logger = lines
    ? createLogger({
        level: 'debug',
        secretValues: config.secretValues,
        destination: { write: (l) => lines.push(l) },
      })
    : silentLogger();
  let redis: Redis | null = null;
  let inProcessJobs: InProcessJobQueue<AppContext> | null = null;
  let jobs: AppContext['jobs'];
  if (options.redisUrl) {
    redis = connectRedis(options.redisUrl, 'requests', 'sentia-test');
    jobs = new BullmqJobQueue<AppContext>(redis, { prefix: options.bullmqPrefix ?? `test-${Date.now()}` });
  } else {
    inProcessJobs = new InProcessJobQueue<AppContext>({ concurrency: 2, logger });
    jobs = inProcessJobs;
  }
  const build = { version: '0.0.0-test', commit: null, builtAt: null };
  // Each test context isolates its Redis keys (cache, events) like its queues.
  const operations = createOperations({
    config: options.redisUrl ? { ...config, REDIS_URL: options.redisUrl } : config,
    logger,
    database,
    redis,
    jobs,
    build,
    prefix: options.bullmqPrefix ?? 'test',
  });
  const ctx: AppContext = {
    config,
    logger,
    db: database.db,
    database,
    redis,
    jobs,
    rateLimiter: redis
      ? new RedisRateLimiter(redis, `${options.bullmqPrefix ?? 'test'}:ratelimit:`)
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
  inProcessJobs?.attach(ctx);
  return {
    ctx,
    inProcessJobs,
    async close() {
      await jobs.close();
      await operations.close();
      await redis?.quit();
    },
  };
}
