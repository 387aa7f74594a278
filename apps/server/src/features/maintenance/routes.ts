import { maintenanceRequest, maintenanceState } from '@sentia/contracts';
import type { AppContext } from '../../context';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';

export function registerMaintenanceRoutes(app: ApiServer, ctx: AppContext): void {
  app.get(
    '/api/admin/maintenance',
    {
      config: { access: 'admin:maintenance' },
      schema: { tags: ['admin'], summary: 'Maintenance mode', response: { 200: maintenanceState } },
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
        body: maintenanceRequest,
        response: { 200: maintenanceState },
      },
    },
    async (request) => {
      const state = await ctx.maintenance.set(
        actorOf(request, callerOf<Principal>(request)),
        request.body.enabled,
        request.body.message,
      );
      await ctx.events.publish({ type: 'maintenance.changed', data: { enabled: state.enabled } });
      return state;
    },
  );
}
