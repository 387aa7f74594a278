import { connectPostgres } from '@sentia/db';
import { refreshSalesDaily } from '../../apps/server/src/features/analytics/refresh-sales-daily';
import { loadDemoData } from '../../apps/server/src/features/demo/load-demo-data';

/** Loads `days` of the labelled demo data set into a database (without refreshing analytics unless asked). */
export async function seedDemo(databaseUrl: string, days: number, options: { refresh?: boolean } = {}) {
  const handle = connectPostgres({ url: databaseUrl, poolMax: 4 });
  try {
    const quiet = { info: () => {}, warn: () => {} };
    await loadDemoData({ db: handle.db, logger: quiet, days });
    if (options.refresh) await refreshSalesDaily(handle.db);
  } finally {
    await handle.close();
  }
}
