import type { PoolStats } from '@sentia/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueCounts } from '../jobs/job-definition';
import type { Logger } from '../logger';
import { withTimeout } from '../redis';
import { HTTP_DURATION_BUCKETS, RequestWindow } from './request-window';

/** What is read from the process and its dependencies at scrape time. */
export interface MetricsSources {
  poolStats(): PoolStats;
  queueCounts(): Promise<QueueCounts[]>;
  /** Last successful sync per connector (from `sync_runs`). */
  lastSyncSuccess?(): Promise<{ connector: string; at: Date }[]>;
}

export interface AppMetricsOptions {
  sources: MetricsSources;
  memoryLimitBytes: number;
  logger: Logger;
  info: { role: string; version: string; commit: string | null };
  /** Budget for each source read during a scrape; a slower source keeps its previous values. */
  collectTimeoutMs?: number;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
const JOB_DURATION_BUCKETS = [0.05, 0.1, 0.5, 1, 2.5, 5, 15, 30, 60, 120, 300, 900, 1800, 3600];

/**
 * The process's Prometheus metrics under the names the alert rules, the Grafana dashboard and the
 * in-product alerts use. One registry per application context (tests build several per process).
 * Pool, queue and sync gauges are read when scraped, each within a small time budget, so a scrape
 * stays cheap even when Redis or the database is slow.
 */
export class AppMetrics {
  readonly registry = new Registry();
  /** The last five minutes of requests, for the in-product alert evaluator. */
  readonly recentRequests = new RequestWindow();
  readonly httpRequests: Counter<'method' | 'route' | 'status_code'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly jobDuration: Histogram<'queue' | 'name' | 'outcome'>;
  readonly syncRecords: Counter<'connector' | 'outcome'>;
  readonly cacheRequests: Counter<'namespace' | 'outcome'>;
  readonly sseClients: Gauge;
  readonly eventsPublished: Counter<'type'>;
  readonly memoryLimitBytes: number;

  constructor(options: AppMetricsOptions) {
    const registers = [this.registry];
    const budget = options.collectTimeoutMs ?? 40;
    const { sources, logger } = options;
    this.memoryLimitBytes = options.memoryLimitBytes;
    collectDefaultMetrics({ register: this.registry });

    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to the end of its response, by route pattern.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Duration of each job attempt, by queue, job name and outcome (succeeded, failed, skipped).',
      labelNames: ['queue', 'name', 'outcome'],
      buckets: JOB_DURATION_BUCKETS,
      registers,
    });
    this.syncRecords = new Counter({
      name: 'sync_records_total',
      help: 'Records processed by syncs and imports, by connector and outcome (written, rejected).',
      labelNames: ['connector', 'outcome'],
      registers,
    });
    this.cacheRequests = new Counter({
      name: 'cache_requests_total',
      help: 'API cache look-ups by namespace and outcome (hit, miss, bypass when the cache is unreachable).',
      labelNames: ['namespace', 'outcome'],
      registers,
    });
    this.sseClients = new Gauge({
      name: 'sse_clients',
      help: 'Open server-sent event streams (GET /api/events) on this process.',
      registers,
    });
    this.eventsPublished = new Counter({
      name: 'events_published_total',
      help: 'Live-update events published by this process, by type.',
      labelNames: ['type'],
      registers,
    });

    new Gauge({
      name: 'app_info',
      help: 'Always 1; labels say which build and role this process runs.',
      labelNames: ['role', 'version', 'commit'],
      registers,
    }).set({ role: options.info.role, version: options.info.version, commit: options.info.commit ?? '' }, 1);
    new Gauge({
      name: 'process_memory_limit_bytes',
      help: 'Memory this process may use: PROCESS_MEMORY_LIMIT_BYTES, else the cgroup limit, else host memory.',
      registers,
    }).set(options.memoryLimitBytes);

    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state (in_use, idle, waiting = queries queued for a connection).',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.poolStats();
        this.set({ state: 'in_use' }, pool.total - pool.idle);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    new Gauge({
      name: 'db_pool_max',
      help: 'Maximum connections of this process’s database pool (DATABASE_POOL_MAX).',
      registers,
      collect() {
        this.set(sources.poolStats().max);
      },
    });

    // One read of the queues serves both gauges: collect() of the first starts it, the second awaits it.
    let pendingCounts: Promise<QueueCounts[] | null> | null = null;
    const readCounts = () => {
      pendingCounts ??= withTimeout(sources.queueCounts(), budget, 'queue counts took too long')
        .catch((error: unknown) => {
          logger.debug({ err: error }, 'queue metrics not refreshed in this scrape');
          return null;
        })
        .finally(() => {
          setImmediate(() => {
            pendingCounts = null;
          });
        });
      return pendingCounts;
    };
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state (completed and failed as kept by the queue).',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        const counts = await readCounts();
        if (!counts) return;
        this.reset();
        for (const c of counts) {
          for (const state of QUEUE_STATES) this.set({ queue: c.queue, state }, c[state]);
        }
      },
    });
    new Gauge({
      name: 'queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting in each queue; 0 when none waits.',
      labelNames: ['queue'],
      registers,
      async collect() {
        const counts = await readCounts();
        if (!counts) return;
        this.reset();
        for (const c of counts) this.set({ queue: c.queue }, c.oldestWaitingSeconds ?? 0);
      },
    });

    if (sources.lastSyncSuccess) {
      const lastSyncSuccess = sources.lastSyncSuccess;
      new Gauge({
        name: 'sync_last_success_timestamp_seconds',
        help: 'Unix time of the last successful sync per connector (from sync_runs, shared by all processes).',
        labelNames: ['connector'],
        registers,
        async collect() {
          const rows = await withTimeout(lastSyncSuccess(), budget, 'sync metrics took too long').catch(
            (error: unknown) => {
              logger.debug({ err: error }, 'sync metrics not refreshed in this scrape');
              return null;
            },
          );
          if (!rows) return;
          this.reset();
          for (const row of rows) this.set({ connector: row.connector }, Math.floor(row.at.getTime() / 1000));
        },
      });
    }
  }

  /** Called once per answered request (route = the pattern, never the raw URL); null duration for streams. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number | null): void {
    const labels = { method, route, status_code: String(statusCode) };
    this.httpRequests.inc(labels);
    if (seconds === null) return;
    this.httpDuration.observe(labels, seconds);
    this.recentRequests.observe(statusCode, seconds);
  }

  /** Records written and rejected by a sync or import run, for sync_records_total. */
  recordSync(connector: string, counts: { written: number; rejected: number }): void {
    if (counts.written > 0) this.syncRecords.inc({ connector, outcome: 'written' }, counts.written);
    if (counts.rejected > 0) this.syncRecords.inc({ connector, outcome: 'rejected' }, counts.rejected);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
