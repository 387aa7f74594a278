import { Counter, register as defaultRegistry, Histogram, type Registry } from 'prom-client';
import type { HttpClientHooks } from './http-client';

interface Metrics {
  requests: Counter<'client' | 'operation' | 'status'>;
  duration: Histogram<'client' | 'operation'>;
  retries: Counter<'client' | 'operation' | 'reason'>;
  limiterWait: Counter<'client'>;
}

const byRegistry = new WeakMap<Registry, Metrics>();

function metricsFor(registry: Registry): Metrics {
  let metrics = byRegistry.get(registry);
  if (!metrics) {
    const registers = [registry];
    metrics = {
      requests: new Counter({
        name: 'connector_http_requests_total',
        help: 'Requests connectors sent to external APIs, by answer status (timeout/network when none)',
        labelNames: ['client', 'operation', 'status'],
        registers,
      }),
      duration: new Histogram({
        name: 'connector_http_request_duration_seconds',
        help: 'Time external APIs took to answer one attempt',
        labelNames: ['client', 'operation'],
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers,
      }),
      retries: new Counter({
        name: 'connector_http_retries_total',
        help: 'Attempts repeated after throttling, server errors or network failures',
        labelNames: ['client', 'operation', 'reason'],
        registers,
      }),
      limiterWait: new Counter({
        name: 'connector_rate_limit_wait_seconds_total',
        help: 'Time requests waited for the client-side rate limiter',
        labelNames: ['client'],
        registers,
      }),
    };
    byRegistry.set(registry, metrics);
  }
  return metrics;
}

/**
 * Prometheus metrics for an HttpClient (`hooks: prometheusHttpHooks()`): request counts by status,
 * latency, retries by reason and time spent waiting for the rate limiter. Registered once per
 * registry, in prom-client's default registry unless another is given.
 */
export function prometheusHttpHooks(registry: Registry = defaultRegistry): HttpClientHooks {
  const metrics = metricsFor(registry);
  return {
    onResponse: (e) => {
      metrics.requests.inc({ client: e.client, operation: e.operation, status: String(e.status) });
      metrics.duration.observe({ client: e.client, operation: e.operation }, e.durationMs / 1000);
    },
    onNetworkError: (e) => {
      metrics.requests.inc({ client: e.client, operation: e.operation, status: e.reason });
    },
    onRetry: (e) => metrics.retries.inc({ client: e.client, operation: e.operation, reason: e.reason }),
    onRateLimitWait: (e) => metrics.limiterWait.inc({ client: e.client }, e.waitedMs / 1000),
  };
}

/** Runs several hook sets (metrics and logs, say) for one client. */
export function combineHooks(...sets: (HttpClientHooks | undefined)[]): HttpClientHooks {
  const present = sets.filter((s): s is HttpClientHooks => s !== undefined);
  return {
    onResponse: (e) => {
      for (const s of present) s.onResponse?.(e);
    },
    onNetworkError: (e) => {
      for (const s of present) s.onNetworkError?.(e);
    },
    onRetry: (e) => {
      for (const s of present) s.onRetry?.(e);
    },
    onRateLimitWait: (e) => {
      for (const s of present) s.onRateLimitWait?.(e);
    },
  };
}
