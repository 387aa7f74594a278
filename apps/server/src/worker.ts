/** The worker process (`node services/workers/index.js`): runs BullMQ jobs; several may run at once. */
import { openContext } from './context';
import { startAlertEvaluator } from './features/alerts/start-alerts';
import { runProcess } from './lifecycle';
import { readBuildInfo } from './platform/build-info';
import { metricsAccess } from './platform/metrics/metrics-access';
import { startMetricsServer } from './platform/metrics/metrics-server';
import { startJobWorker } from './start-job-worker';

await runProcess('worker', async (config, logger) => {
  const opened = await openContext(config, logger, readBuildInfo(config));
  const worker = await startJobWorker(opened);
  logger.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker process running jobs');
  // The worker serves no API: its metrics (and a liveness probe) get a port of their own.
  const metricsServer =
    config.WORKER_METRICS_PORT > 0
      ? await startMetricsServer({
          metrics: opened.ctx.metrics,
          port: config.WORKER_METRICS_PORT,
          host: config.HOST,
          access: metricsAccess({ token: config.METRICS_TOKEN, allowlist: config.METRICS_ALLOWLIST }),
          logger,
        })
      : null;
  const alerts = startAlertEvaluator(opened.ctx);
  return {
    async stop() {
      await alerts.stop();
      await metricsServer?.close();
      await worker.close();
      await opened.close();
    },
  };
});
