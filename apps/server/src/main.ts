/**
 * `npm start`: web and worker in one process. Without DATABASE_URL it is the embedded default —
 * PGlite under DATA_DIR and jobs in-process — and says so loudly; with DATABASE_URL (and REDIS_URL)
 * it is a single all-in-one replica over the real services.
 */
import path from 'node:path';
import { openContext } from './context';
import { startAlertEvaluator } from './features/alerts/start-alerts';
import { enqueueSalesRefreshIfStale } from './features/analytics/jobs';
import { enqueueDemoLoadIfWanted } from './features/demo/jobs';
import { type BootstrapResult, ensureFirstAdmin } from './features/users/bootstrap-admin';
import { buildHttpApp } from './http-app';
import { runProcess } from './lifecycle';
import { readBuildInfo } from './platform/build-info';
import type { AppConfig } from './platform/config/load-config';
import { startJobWorker } from './start-job-worker';

await runProcess('embedded', async (config, logger) => {
  const opened = await openContext(config, logger, readBuildInfo(config));
  const worker = await startJobWorker(opened);
  const admin = await ensureFirstAdmin(opened.ctx);
  const app = await buildHttpApp(opened.ctx);
  await app.listen({ port: config.PORT, host: config.HOST });
  printBanner(config, admin);
  const alerts = startAlertEvaluator(opened.ctx);
  Promise.all([enqueueDemoLoadIfWanted(opened.ctx), enqueueSalesRefreshIfStale(opened.ctx)]).catch((error) =>
    logger.warn({ err: error }, 'could not queue the start-up jobs'),
  );
  return {
    async stop() {
      await alerts.stop();
      await app.close();
      await worker.close();
      await opened.close();
    },
  };
});

function printBanner(config: AppConfig, admin: BootstrapResult): void {
  const url = config.APP_URL ?? `http://localhost:${config.PORT}`;
  const lines =
    config.mode === 'embedded'
      ? [
          'Sentia Manufacturing Dashboard — EMBEDDED MODE (no external services)',
          `  Dashboard : ${url}`,
          `  Data      : ${path.join(config.dataDir, 'pglite')} (PGlite; kept between starts)`,
          '  Jobs      : in-process. Set DATABASE_URL and REDIS_URL to run web and worker as separate services.',
        ]
      : [
          'Sentia Manufacturing Dashboard — all-in-one process over PostgreSQL',
          `  Dashboard : ${url}`,
          `  Jobs      : ${config.REDIS_URL ? 'BullMQ on Redis (this process also works the queues)' : 'in-process'}`,
        ];
  if (admin.kind === 'generated') {
    // Printed once, to the terminal only (never to the logs): the password is not stored anywhere else.
    lines.push(
      `  Sign in   : ${admin.email} / ${admin.password}`,
      '              (shown only now; change it with `npm run cli -- users set-password`)',
    );
  } else if (admin.kind === 'from-environment') {
    lines.push(`  Sign in   : ${admin.email} (password from ADMIN_PASSWORD)`);
  }
  process.stderr.write(`\n${lines.join('\n')}\n\n`);
}
