import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { ApiServer } from '../http/create-server';
import type { Telemetry } from './telemetry';
import type { SpanHandle } from './tracing';

/**
 * One span per request (named `METHOD /route/pattern`) when tracing is on, and a Sentry report for
 * each unexpected server error (5xx that is not a deliberate AppError such as maintenance), with the
 * request id, the caller's user id and the route — never the body, headers or query string.
 */
export function registerHttpTelemetry(app: ApiServer, telemetry: Telemetry): void {
  const spans = new WeakMap<FastifyRequest, SpanHandle>();
  app.addHook('onRequest', (request, _reply, done) => {
    if (!telemetry.tracing.enabled) return done();
    const route = request.routeOptions.url ?? 'unmatched';
    spans.set(
      request,
      telemetry.tracing.startSpan(`${request.method} ${route}`, 'server', {
        'http.request.method': request.method,
        'http.route': route,
        'request.id': request.id,
      }),
    );
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      span.end(reply.statusCode >= 500 ? new Error(`HTTP ${reply.statusCode}`) : undefined);
    }
    done();
  });
  // onError runs before the error handler decides the status: report what it would answer 5xx for.
  app.addHook('onError', async (request, _reply, error) => {
    const clientError = error.statusCode !== undefined && error.statusCode < 500;
    if (!telemetry.errors.enabled || clientError || error instanceof AppError) return;
    telemetry.errors.capture(error, {
      requestId: request.id,
      userId: request.caller?.userId ?? null,
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
    });
  });
}
