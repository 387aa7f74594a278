import { healthResponse, statusResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { getStatus } from './get-status';

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
}
