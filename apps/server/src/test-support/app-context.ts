import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '@sentia/db';
import type { AppContext } from '../context';
import { type AppConfig, loadConfig } from '../platform/config/load-config';
import { BullmqJobQueue } from '../platform/jobs/bullmq-queue';
import { InProcessJobQueue } from '../platform/jobs/in-process-queue';
import { createLogger, type Logger } from '../platform/logger';
import { connectRedis, type Redis } from '../platform/redis';

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig('embedded', {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sentia-test-')),
    LOG_LEVEL: 'silent',
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
  options: { redisUrl?: string; bullmqPrefix?: string; env?: Record<string, string> } = {},
): { ctx: AppContext; inProcessJobs: InProcessJobQueue<AppContext> | null; close(): Promise<void> } {
  const config = testConfig(options.env);
  const logger = silentLogger();
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
  const ctx: AppContext = {
    config,
    logger,
    db: database.db,
    database,
    redis,
    jobs,
    build: { version: '0.0.0-test', commit: null, builtAt: null },
    startedAt: new Date(),
  };
  inProcessJobs?.attach(ctx);
  return {
    ctx,
    inProcessJobs,
    async close() {
      await jobs.close();
      await redis?.quit();
    },
  };
}
