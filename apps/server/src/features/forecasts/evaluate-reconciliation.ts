/**
 * Compares reconciliation methods on an embedded database's sales (e.g. the demo data):
 * `npx tsx apps/server/src/features/forecasts/evaluate-reconciliation.ts <DATA_DIR> [today]`.
 * Holds out the last periods at a few origins, forecasts every series with "auto", and prints the
 * mean sMAPE and MAE per level of the base (incoherent) forecasts, bottom-up and MinT (WLS).
 * Not a test: a measurement behind the choice of DEFAULT_RECONCILIATION (docs/forecasting.md).
 */
import path from 'node:path';
import { openPglite } from '@sentia/db';
import { buildSalesHierarchy, forecast, reconcileForecasts, smape } from '@sentia/domain';
import { forecastDataVersion, utcToday } from './data-version';
import { queryPeriodSales } from './queries/query-period-sales';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: evaluate-reconciliation.ts <DATA_DIR> [today]');
const today = process.argv[3] ?? utcToday();
const handle = await openPglite(path.join(dataDir, 'pglite'));
const setups = [
  { granularity: 'month', period: 12, horizon: 6, origins: [0, 3, 6] },
  { granularity: 'week', period: 52, horizon: 13, origins: [0, 13] },
] as const;
for (const { granularity, period, horizon, origins } of setups) {
  const version = await forecastDataVersion(handle.db, granularity, today);
  if (!version) continue;
  const rows = await queryPeriodSales(handle.db, granularity, version.window);
  const hierarchy = buildSalesHierarchy(rows, { granularity, ...version.window });
  const scores = new Map<string, number[]>();
  const add = (key: string, value: number) => scores.set(key, [...(scores.get(key) ?? []), value]);
  for (const back of origins) {
    const n = hierarchy.periods.length - horizon - back;
    const base = hierarchy.nodes.map((node) => forecast({ y: node.y.slice(0, n), period, horizon }));
    const methods = {
      base,
      'bottom-up': reconcileForecasts({ ...hierarchy, base, method: 'bottom-up' }),
      'mint-wls': reconcileForecasts({ ...hierarchy, base, method: 'mint-wls' }),
    };
    for (const [name, forecasts] of Object.entries(methods)) {
      hierarchy.nodes.forEach((node, i) => {
        const actual = Array.from(node.y.slice(n, n + horizon));
        const predicted = Array.from(forecasts[i]!.mean);
        add(`${name}|smape|${node.level}`, smape(actual, predicted));
        add(
          `${name}|mae|${node.level}`,
          actual.reduce((s, y, t) => s + Math.abs(y - predicted[t]!), 0) / horizon,
        );
      });
    }
  }
  const levels = [...new Set(hierarchy.nodes.map((n) => n.level))];
  console.log(
    `\n${granularity}: ${hierarchy.nodes.length} series, ${hierarchy.periods.length} periods, h=${horizon}, origins ${origins.length}`,
  );
  console.log(`| method | measure | ${levels.join(' | ')} |`);
  for (const name of ['base', 'bottom-up', 'mint-wls'])
    for (const measure of ['smape', 'mae']) {
      const cells = levels.map((level) => {
        const xs = scores.get(`${name}|${measure}|${level}`) ?? [];
        return (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(measure === 'smape' ? 2 : 1);
      });
      console.log(`| ${name} | ${measure} | ${cells.join(' | ')} |`);
    }
}
await handle.close();
