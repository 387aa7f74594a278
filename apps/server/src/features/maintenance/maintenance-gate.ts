import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiServer } from '../../platform/http/create-server';
import { sendProblem } from '../../platform/http/problem';
import type { MaintenanceSwitch } from './maintenance-switch';

/**
 * What keeps working during maintenance: probes, metrics, sign-in, the admin endpoints to end it and
 * the live-update stream that tells open pages when it ends.
 */
const EXEMPT = [
  /^\/api\/(health|status|metrics)(\?|$)/,
  /^\/api\/admin(\/|\?|$)/,
  /^\/api\/auth\//,
  // Live updates: a page open during maintenance must still hear that it has ended.
  /^\/api\/events(\?|$)/,
  /^\/assets\//,
  // The pages an administrator needs to end maintenance (the app shell, sign-in and admin).
  /^\/(admin|sign-in)(\/|\?|$)/,
];
export const MAINTENANCE_RETRY_AFTER_SECONDS = 300;

export function registerMaintenanceGate(app: ApiServer, maintenance: MaintenanceSwitch): void {
  // A callback hook with a synchronous path while the state is fresh: it runs on every request.
  app.addHook('onRequest', (request, reply, done) => {
    if (EXEMPT.some((pattern) => pattern.test(request.url))) return done();
    const fresh = maintenance.peek();
    if (fresh) {
      if (fresh.enabled) refuse(request, reply, fresh.message);
      else done();
      return;
    }
    maintenance.current().then((state) => {
      if (state.enabled) refuse(request, reply, state.message);
      else done();
    }, done);
  });
}

/** Answers 503 (a page for browsers, problem+json for the API); the request goes no further. */
function refuse(request: FastifyRequest, reply: FastifyReply, message: string | null): void {
  reply.header('retry-after', String(MAINTENANCE_RETRY_AFTER_SECONDS));
  if (!request.url.startsWith('/api') && request.headers.accept?.includes('text/html')) {
    reply
      .code(503)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(maintenancePage(message));
    return;
  }
  sendProblem(reply, request, {
    type: '/problems/maintenance',
    title: 'Down for maintenance',
    status: 503,
    detail: message ?? 'The dashboard is down for maintenance. Try again shortly.',
  });
}

function maintenancePage(message: string | null): string {
  const text = (message ?? 'We are carrying out scheduled maintenance.').replace(
    /[<>&"]/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Maintenance — Sentia</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a"><h1>Down for maintenance</h1><p>${text}</p><p>The dashboard will be back shortly; this page does not need reloading by hand more than every few minutes.</p></body></html>`;
}
