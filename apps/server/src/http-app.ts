import type { AppContext } from './context';
import { registerOverviewRoutes } from './features/overview/routes';
import { registerSystemRoutes } from './features/system/routes';
import { createServer, handleNotFound } from './platform/http/create-server';
import { serveWebApp } from './platform/http/serve-web-app';

/** The HTTP API and the built dashboard, over one application context. */
export async function buildHttpApp(ctx: AppContext, options: { serveWeb?: boolean } = {}) {
  const app = await createServer({
    logger: ctx.logger,
    version: ctx.build.version,
    trustProxy: ctx.config.mode === 'server',
  });
  registerSystemRoutes(app, ctx);
  registerOverviewRoutes(app, ctx);
  if (options.serveWeb ?? true) await serveWebApp(app);
  else app.setNotFoundHandler(handleNotFound);
  return app;
}
