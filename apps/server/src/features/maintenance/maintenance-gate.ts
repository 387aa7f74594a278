import type { ApiServer } from '../../platform/http/create-server';
import { sendProblem } from '../../platform/http/problem';
import type { MaintenanceSwitch } from './maintenance-switch';

/** What keeps working during maintenance: probes, metrics, sign-in and the admin endpoints to end it. */
const EXEMPT = [
  /^\/api\/(health|status|metrics)(\?|$)/,
  /^\/api\/admin(\/|\?|$)/,
  /^\/api\/auth\//,
  /^\/assets\//,
  // The pages an administrator needs to end maintenance (the app shell, sign-in and admin).
  /^\/(admin|sign-in)(\/|\?|$)/,
];
export const MAINTENANCE_RETRY_AFTER_SECONDS = 300;

export function registerMaintenanceGate(app: ApiServer, maintenance: MaintenanceSwitch): void {
  app.addHook('onRequest', async (request, reply) => {
    if (EXEMPT.some((pattern) => pattern.test(request.url))) return;
    const state = await maintenance.current();
    if (!state.enabled) return;
    reply.header('retry-after', String(MAINTENANCE_RETRY_AFTER_SECONDS));
    if (!request.url.startsWith('/api') && request.headers.accept?.includes('text/html')) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(maintenancePage(state.message));
    }
    return sendProblem(reply, request, {
      type: '/problems/maintenance',
      title: 'Down for maintenance',
      status: 503,
      detail: state.message ?? 'The dashboard is down for maintenance. Try again shortly.',
    });
  });
}

function maintenancePage(message: string | null): string {
  const text = (message ?? 'We are carrying out scheduled maintenance.').replace(
    /[<>&"]/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Maintenance — Sentia</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a"><h1>Down for maintenance</h1><p>${text}</p><p>The dashboard will be back shortly; this page does not need reloading by hand more than every few minutes.</p></body></html>`;
}
