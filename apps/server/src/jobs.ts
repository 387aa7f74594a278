import type { AppContext } from './context';
import { refreshSalesDailyJob } from './features/analytics/jobs';
import { loadDemoDataJob } from './features/demo/jobs';
import type { JobDefinition } from './platform/jobs/job-definition';

/** Every job the worker runs. A definition missing here is refused by the worker (UnrecoverableError). */
export const allJobs: readonly JobDefinition<AppContext>[] = [
  refreshSalesDailyJob as JobDefinition<AppContext>,
];
