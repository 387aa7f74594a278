/** The worker process (`node services/workers/index.js`): runs BullMQ jobs; several may run at once. */
import { openContext } from './context';
import { runProcess } from './lifecycle';
import { readBuildInfo } from './platform/build-info';
import { startJobWorker } from './start-job-worker';

await runProcess('worker', async (config, logger) => {
  const opened = await openContext(config, logger, readBuildInfo(config));
  const worker = await startJobWorker(opened);
  logger.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker process running jobs');
  return {
    async stop() {
      await worker.close();
      await opened.close();
    },
  };
});
