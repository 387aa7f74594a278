/** The web process (`node server.js`): HTTP API and dashboard over PostgreSQL and Redis; jobs run on workers. */
import { openContext } from './context';
import { startAlertEvaluator } from './features/alerts/start-alerts';
import { enqueueSalesRefreshIfStale } from './features/analytics/jobs';
import { ensureFirstAdmin } from './features/users/bootstrap-admin';
import { buildHttpApp } from './http-app';
import { runProcess } from './lifecycle';
import { readBuildInfo } from './platform/build-info';

await runProcess('web', async (config, logger) => {
  const opened = await openContext(config, logger, readBuildInfo(config));
  const admin = await ensureFirstAdmin(opened.ctx);
  if (admin.kind === 'none') {
    logger.warn('no users exist: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run cli -- users create`');
  }
  const app = await buildHttpApp(opened.ctx);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ port: config.PORT, mode: config.mode }, 'web process listening');
  const alerts = startAlertEvaluator(opened.ctx);
  enqueueSalesRefreshIfStale(opened.ctx).catch((error) =>
    logger.warn({ err: error }, 'could not check whether analytics are stale'),
  );
  return {
    async stop() {
      await alerts.stop();
      await app.close();
      await opened.close();
    },
  };
});
