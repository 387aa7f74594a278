import type { ApiServer } from '../http/create-server';
import type { AppMetrics } from './app-metrics';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A streaming route (server-sent events): counted, but its duration is not a response time. */
    longLived?: boolean;
  }
}

/**
 * Counts every answered request by method, route pattern and status, and observes its duration.
 * The route label is Fastify's pattern (`/api/users/:id`); requests that matched no route share
 * `unmatched`, so a scan of random URLs cannot create new series.
 */
export function registerHttpMetrics(app: ApiServer, metrics: AppMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = request.routeOptions.config?.longLived ? null : reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
    done();
  });
}
