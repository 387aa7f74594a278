import type { DatabaseHandle } from '@sentia/db';
import type { BuildInfo } from '../../platform/build-info';
import { AppCache } from '../../platform/cache/app-cache';
import { MemoryCacheStore, RedisCacheStore } from '../../platform/cache/cache-store';
import type { AppConfig } from '../../platform/config/load-config';
import type { EventBus } from '../../platform/events/event-bus';
import { MemoryEventBus } from '../../platform/events/memory-event-bus';
import { RedisEventBus } from '../../platform/events/redis-event-bus';
import type { JobObserver } from '../../platform/jobs/execute-job';
import type { JobQueue } from '../../platform/jobs/job-definition';
import type { Logger } from '../../platform/logger';
import { AppMetrics } from '../../platform/metrics/app-metrics';
import { detectMemoryLimit } from '../../platform/metrics/memory-limit';
import { connectRedis, type Redis } from '../../platform/redis';
import { createJobObserver } from '../../platform/telemetry/job-observer';
import { Telemetry } from '../../platform/telemetry/telemetry';
import { FeatureFlags, featureDefaults } from '../feature-flags/feature-flags';
import { queryLastSyncSuccess } from './query-syncs';

/** The operational members of the application context (metrics, cache, live events, flags, telemetry). */
export interface Operations {
  metrics: AppMetrics;
  cache: AppCache;
  events: EventBus;
  flags: FeatureFlags;
  telemetry: Telemetry;
  jobObserver: JobObserver;
  close(): Promise<void>;
}

export interface OperationsInput {
  config: AppConfig;
  logger: Logger;
  database: DatabaseHandle;
  /** The request-path Redis client (null in embedded mode). */
  redis: Redis | null;
  jobs: Pick<JobQueue<unknown>, 'counts'>;
  build: BuildInfo;
  /** Redis key prefix; QUEUE_PREFIX unless a test isolates itself. */
  prefix?: string;
}

/**
 * Builds the operational services for one process. Server mode shares them through Redis (the cache,
 * the data version, live events); embedded mode keeps them in memory, which is correct there because
 * one process serves every request and runs every job.
 */
export function createOperations(input: OperationsInput): Operations {
  const { config, logger, database, redis, jobs } = input;
  const prefix = input.prefix ?? config.QUEUE_PREFIX;
  const metrics = new AppMetrics({
    sources: {
      poolStats: () => database.poolStats(),
      queueCounts: () => jobs.counts(),
      lastSyncSuccess: () => queryLastSyncSuccess(database.db),
    },
    memoryLimitBytes: detectMemoryLimit(config.PROCESS_MEMORY_LIMIT_BYTES).bytes,
    logger,
    info: { role: config.role, version: input.build.version, commit: input.build.commit },
  });

  const cacheRedis =
    config.REDIS_CACHE_URL && redis
      ? connectRedis(config.REDIS_CACHE_URL, 'requests', `sentia-${config.role}-cache`)
      : redis;
  cacheRedis?.on('error', (error) => logger.warn({ err: error }, 'cache redis connection error'));
  const cache = new AppCache(cacheRedis ? new RedisCacheStore(cacheRedis) : new MemoryCacheStore(), {
    prefix,
    apiTtlSeconds: config.REDIS_CACHE_TTL,
    computedTtlSeconds: config.CACHE_COMPUTED_TTL,
    logger,
    metrics,
  });

  const onPublish = (event: { type: string }) => metrics.eventsPublished.inc({ type: event.type });
  const redisUrl = config.REDIS_URL;
  const events: EventBus =
    redis && redisUrl
      ? new RedisEventBus({
          publisher: redis,
          connectSubscriber: () => connectRedis(redisUrl, 'worker', `sentia-${config.role}-events`),
          prefix,
          logger,
          onPublish,
        })
      : new MemoryEventBus(1000, onPublish);

  const flags = new FeatureFlags(database.db, featureDefaults(config), events);
  const telemetry = new Telemetry();
  const jobObserver = createJobObserver({
    metrics,
    events,
    get errors() {
      return telemetry.errors;
    },
    get tracing() {
      return telemetry.tracing;
    },
  });

  return {
    metrics,
    cache,
    events,
    flags,
    telemetry,
    jobObserver,
    async close() {
      await events.close();
      if (cacheRedis && cacheRedis !== redis) await cacheRedis.quit().catch(() => cacheRedis.disconnect());
      await telemetry.close();
    },
  };
}
