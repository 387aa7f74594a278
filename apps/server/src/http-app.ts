import type { AppContext } from './context';
import { requireSecret } from './context';
import { registerAlertRoutes } from './features/alerts/routes';
import { registerAuditRoutes } from './features/audit/routes';
import { registerUnleashedRoutes } from './features/connectors/unleashed/unleashed-routes';
import { registerXeroRoutes } from './features/connectors/xero/xero-routes';
import { registerEventRoutes } from './features/events/routes';
import { registerFeatureGate } from './features/feature-flags/feature-gate';
import { registerFeatureFlagRoutes } from './features/feature-flags/routes';
import { registerForecastRoutes } from './features/forecasts/routes';
import { registerForecastSchedule } from './features/forecasts/schedule';
import { authenticateRequest } from './features/identity/authenticate';
import { hasValidCsrfToken } from './features/identity/http-session';
import { followIdentityChanges } from './features/identity/principal-cache';
import { registerIdentityRoutes } from './features/identity/routes';
import { registerImportRoutes } from './features/imports/routes';
import { registerInventoryRoutes } from './features/inventory/routes';
import { registerMaintenanceGate } from './features/maintenance/maintenance-gate';
import { registerMaintenanceRoutes } from './features/maintenance/routes';
import { registerOverviewRoutes } from './features/overview/routes';
import { registerProductionRoutes } from './features/production/routes';
import { registerPurchasingRoutes } from './features/purchasing/routes';
import { registerQueueRoutes } from './features/queues/routes';
import { registerSyncRoutes } from './features/sync/routes';
import { registerSystemRoutes } from './features/system/routes';
import { registerUserAdminRoutes } from './features/users/routes';
import { registerWebhookRoutes } from './features/webhooks/routes';
import { registerXeroWebhookRoutes } from './features/webhooks/xero-webhook-routes';
import { registerWorkingCapitalRoutes } from './features/working-capital/routes';
import { registerAccessControl } from './platform/http/access-control';
import { createServer, handleNotFound } from './platform/http/create-server';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { serveWebApp } from './platform/http/serve-web-app';
import { registerHttpMetrics } from './platform/metrics/http-metrics';
import { registerHttpTelemetry } from './platform/telemetry/http-telemetry';

/** The HTTP API and the built dashboard, over one application context. */
export async function buildHttpApp(ctx: AppContext, options: { serveWeb?: boolean } = {}) {
  const app = await createServer({
    logger: ctx.logger,
    version: ctx.build.version,
    trustProxy: trustProxySetting(ctx),
    cookieSecret: requireSecret(ctx.config.SESSION_SECRET, 'SESSION_SECRET'),
    apiCacheMaxAgeSeconds: ctx.config.REDIS_CACHE_TTL,
  });
  registerHttpMetrics(app, ctx.metrics);
  registerHttpTelemetry(app, ctx.telemetry);
  await registerSecurityHeaders(app, { production: ctx.config.NODE_ENV === 'production' });
  registerMaintenanceGate(app, ctx.maintenance);
  registerFeatureGate(app, ctx.flags);
  registerAccessControl(app, {
    environment: ctx.config.NODE_ENV,
    authenticate: (request) => authenticateRequest(ctx, request),
    hasValidCsrfToken,
    adminIpAllowlist: ctx.config.ADMIN_IP_ALLOWLIST,
  });

  registerSystemRoutes(app, ctx);
  registerIdentityRoutes(app, ctx);
  registerUserAdminRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerMaintenanceRoutes(app, ctx);
  registerOverviewRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerQueueRoutes(app, ctx);
  registerUnleashedRoutes(app, ctx);
  registerXeroRoutes(app, ctx);
  registerXeroWebhookRoutes(app, ctx);
  registerInventoryRoutes(app, ctx);
  registerPurchasingRoutes(app, ctx);
  registerProductionRoutes(app, ctx);
  registerForecastRoutes(app, ctx);
  registerForecastSchedule(app, ctx);
  registerWorkingCapitalRoutes(app, ctx);
  registerImportRoutes(app, ctx);
  registerFeatureFlagRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerEventRoutes(app, ctx);

  // A flag switched on another replica applies here at once (otherwise within FLAGS_REFRESH_MS).
  const stopListening = ctx.events.subscribe((event) => {
    if (event.type === 'flags.changed') ctx.flags.invalidate();
  });
  // A sign-out, revocation, role change or disabled user on another replica applies here at once.
  const stopFollowingIdentity = followIdentityChanges(ctx);
  app.addHook('onClose', async () => {
    stopListening();
    stopFollowingIdentity();
  });

  if (options.serveWeb ?? true) await serveWebApp(app);
  else app.setNotFoundHandler(handleNotFound);
  return app;
}

/** TRUST_PROXY as given ("true", "false" or addresses/CIDRs); by default the platform's proxy in server mode. */
function trustProxySetting(ctx: AppContext): boolean | string {
  const value = ctx.config.TRUST_PROXY;
  if (value === undefined) return ctx.config.mode === 'server';
  return value === 'true' || value === 'false' ? value === 'true' : value;
}
