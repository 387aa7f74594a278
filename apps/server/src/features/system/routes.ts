import { healthResponse, queuesStatusResponse, statusResponse, syncStatusResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import { UnauthorizedError } from '../../platform/errors';
import type { ApiServer } from '../../platform/http/create-server';
import { metricsAccess } from '../../platform/metrics/metrics-access';
import { getQueuesStatus } from './get-queues-status';
import { getStatus } from './get-status';
import { queryConnectorSyncs } from './query-syncs';

export function registerSystemRoutes(app: ApiServer, ctx: AppContext): void {
  // Liveness: answers from memory, touches no dependency, so a slow database never restarts the web tier.
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness check', response: { 200: healthResponse } },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/status',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary:
          'Version, mode and the state and latency of each dependency; 503 when a required one is down',
        response: { 200: statusResponse, 503: statusResponse },
      },
    },
    async (_request, reply) => {
      const status = await getStatus(ctx);
      return reply.code(status.status === 'down' ? 503 : 200).send(status);
    },
  );

  // Its own guard (METRICS_TOKEN / METRICS_ALLOWLIST) rather than a user permission: scrapers are not users.
  const allowed = metricsAccess({ token: ctx.config.METRICS_TOKEN, allowlist: ctx.config.METRICS_ALLOWLIST });
  app.get(
    '/api/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary:
          'Prometheus metrics of this process (bearer METRICS_TOKEN or a METRICS_ALLOWLIST network when set)',
      },
      logLevel: 'warn',
    },
    async (request, reply) => {
      if (!allowed(request.ip, request.headers.authorization)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new UnauthorizedError('Metrics need the bearer token (METRICS_TOKEN) or an allowed network.');
      }
      const { contentType, body } = await ctx.metrics.render();
      return reply.type(contentType).send(body);
    },
  );

  app.get(
    '/api/queues/status',
    {
      config: { access: 'read:system', httpCache: false },
      schema: {
        tags: ['system'],
        summary: 'Queue health: waiting, active, delayed, failed, completed and oldest waiting age per queue',
        response: { 200: queuesStatusResponse },
      },
    },
    async () => getQueuesStatus(ctx),
  );

  app.get(
    '/api/system/syncs',
    {
      config: { access: 'read:system', httpCache: false },
      schema: {
        tags: ['system'],
        summary: 'The latest sync or import of each connector, and its last success',
        response: { 200: syncStatusResponse },
      },
    },
    async () => ({ connectors: await queryConnectorSyncs(ctx.db) }),
  );
}
