import { z } from 'zod';
import type { AppContext } from '../../context';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';

const stateView = z.object({
  enabled: z.boolean(),
  message: z.string().nullable(),
  source: z.enum(['environment', 'setting', 'off']),
  updatedAt: z.string().nullable(),
});

export function registerMaintenanceRoutes(app: ApiServer, ctx: AppContext): void {
  app.get(
    '/api/admin/maintenance',
    {
      config: { access: 'admin:maintenance' },
      schema: { tags: ['admin'], summary: 'Maintenance mode', response: { 200: stateView } },
    },
    async () => ctx.maintenance.current(),
  );
  app.put(
    '/api/admin/maintenance',
    {
      config: { access: 'admin:maintenance' },
      schema: {
        tags: ['admin'],
        summary: 'Switch maintenance mode on or off for every replica (within seconds)',
        body: z
          .object({ enabled: z.boolean(), message: z.string().trim().max(500).nullable().default(null) })
          .strict(),
        response: { 200: stateView },
      },
    },
    async (request) =>
      ctx.maintenance.set(
        actorOf(request, callerOf<Principal>(request)),
        request.body.enabled,
        request.body.message,
      ),
  );
}
