import type { AppContext } from './context';
import { refreshSalesDailyJob } from './features/analytics/jobs';
import { xeroWebhookJob } from './features/connectors/xero/xero-webhooks';
import { loadDemoDataJob } from './features/demo/jobs';
import { forecastRunJob, forecastScheduleJob } from './features/forecasts/jobs';
import { runImportJob } from './features/imports/jobs';
import { scheduledSyncJob, syncRunJob } from './features/sync/jobs';
import { shopifyWebhookJob } from './features/webhooks/jobs';
import type { JobDefinition } from './platform/jobs/job-definition';

/**
 * Every job the worker runs. A job whose name is missing here is refused by the worker
 * (UnrecoverableError). Each definition keeps its own payload type; the registry only needs names.
 */
export const allJobs = [
  refreshSalesDailyJob,
  xeroWebhookJob,
  loadDemoDataJob,
  forecastRunJob,
  forecastScheduleJob,
  runImportJob,
  syncRunJob,
  scheduledSyncJob,
  shopifyWebhookJob,
] as unknown as readonly JobDefinition<AppContext>[];
