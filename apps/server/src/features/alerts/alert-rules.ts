import type { WindowSnapshot } from '../../platform/metrics/request-window';

/** What one evaluation reads from this process and the shared queues. */
export interface AlertSignals {
  /** The last five minutes of requests; null in a process that serves no HTTP (the worker). */
  http: WindowSnapshot | null;
  pool: { inUse: number; max: number };
  /** Jobs waiting over every queue; null when the queues could not be read. */
  queueWaiting: number | null;
  memory: { rssBytes: number; limitBytes: number };
}

export type AlertName =
  | 'HighErrorRate'
  | 'HighResponseTime'
  | 'DatabaseConnectionPool'
  | 'QueueBacklog'
  | 'MemoryUsage';

export interface AlertRule {
  name: AlertName;
  /** The spec's name of the alert. */
  summary: string;
  severity: 'critical' | 'warning';
  /** Fires above this value… */
  threshold: number;
  /** …held for this long. */
  forSeconds: number;
  condition: string;
  /** `process`: each process on its own (as Prometheus' per-instance rules); `cluster`: shared state. */
  scope: 'process' | 'cluster';
  /** The current value; null when it cannot be measured here (then the rule is not evaluated). */
  measure(signals: AlertSignals): number | null;
  describe(value: number): string;
}

export const QUEUE_BACKLOG_THRESHOLD = 1000;

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/**
 * The deployment spec's five alerts ("Alert Thresholds"), with its thresholds, durations and
 * severities — the same rules as deploy/prometheus/alerts.yml, for teams without Prometheus.
 */
export const ALERT_RULES: readonly AlertRule[] = [
  {
    name: 'HighErrorRate',
    summary: 'High Error Rate',
    severity: 'critical',
    threshold: 0.01,
    forSeconds: 5 * 60,
    condition: 'share of requests answered 5xx over 5 minutes > 1%',
    scope: 'process',
    measure: (s) => (s.http ? s.http.errorRatio : null),
    describe: (v) => `${percent(v)} of requests failed with a 5xx status over the last 5 minutes.`,
  },
  {
    name: 'HighResponseTime',
    summary: 'High Response Time',
    severity: 'warning',
    threshold: 2,
    forSeconds: 10 * 60,
    condition: '95th percentile response time over 5 minutes > 2 s',
    scope: 'process',
    measure: (s) => (s.http ? (s.http.p95Seconds ?? 0) : null),
    describe: (v) => `The 95th percentile response time is ${v.toFixed(2)} s.`,
  },
  {
    name: 'DatabaseConnectionPool',
    summary: 'Database Connection Pool',
    severity: 'critical',
    threshold: 0.9,
    forSeconds: 5 * 60,
    condition: 'database pool connections in use / pool size > 90%',
    scope: 'process',
    measure: (s) => (s.pool.max > 0 ? s.pool.inUse / s.pool.max : null),
    describe: (v) => `${percent(v)} of the database pool is in use.`,
  },
  {
    name: 'QueueBacklog',
    summary: 'Queue Backlog',
    severity: 'warning',
    threshold: QUEUE_BACKLOG_THRESHOLD,
    forSeconds: 15 * 60,
    condition: `jobs waiting over all queues > ${QUEUE_BACKLOG_THRESHOLD}`,
    scope: 'cluster',
    measure: (s) => s.queueWaiting,
    describe: (v) => `${Math.round(v)} jobs are waiting in the queues.`,
  },
  {
    name: 'MemoryUsage',
    summary: 'Memory Usage',
    severity: 'warning',
    threshold: 0.85,
    forSeconds: 10 * 60,
    condition: 'resident memory / memory limit > 85%',
    scope: 'process',
    measure: (s) => (s.memory.limitBytes > 0 ? s.memory.rssBytes / s.memory.limitBytes : null),
    describe: (v) => `The process uses ${percent(v)} of its memory limit.`,
  },
];
