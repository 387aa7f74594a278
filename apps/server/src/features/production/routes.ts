import { scheduleQuery, scheduleResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { getProductionSchedule } from './get-production-schedule';

export function registerProductionRoutes(app: ApiServer, ctx: AppContext): void {
  app.get(
    '/api/production/schedule',
    {
      config: { access: 'read:production', feature: 'optimization' },
      schema: {
        tags: ['production'],
        summary:
          'Master production schedule: batches within line capacity (earliest due first), capacity use per line and week, shortfalls (batches paginated)',
        querystring: scheduleQuery,
        response: { 200: scheduleResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getProductionSchedule(ctx.db, request.query, new Date().toISOString().slice(0, 10));
    },
  );
}
