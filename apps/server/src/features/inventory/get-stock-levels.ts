import type { LevelsQuery, LevelsResponse, StockLevelRow } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import { loadPlan, paginate } from './load-plan';

/** Stock, cover and projected stock-out per SKU × location, at-risk first. */
export async function getStockLevels(
  db: Database,
  query: LevelsQuery,
  today: string,
): Promise<LevelsResponse> {
  const plan = await loadPlan(db, today);
  const rows: StockLevelRow[] = plan.policies
    .filter((p) => p.details.locationId !== null && p.details.stockAsOf !== null)
    .filter((p) => !query.location || p.details.locationCode === query.location)
    .filter((p) => !query.sku || p.details.sku === query.sku)
    .filter((p) => !query.region || p.details.regionCode === query.region)
    .map((p) => {
      const d = p.details;
      const weekly = d.weeklyForecast.slice(0, 4);
      const daily = weekly.length > 0 ? weekly.reduce((s, v) => s + v, 0) / (weekly.length * 7) : 0;
      return {
        sku: d.sku,
        productName: d.productName,
        locationCode: d.locationCode!,
        locationName: d.locationName,
        regionCode: d.regionCode ?? '',
        abcClass: p.abcClass,
        onHand: d.onHand,
        allocated: d.allocated,
        inbound: d.inbound,
        available: d.onHand - d.allocated,
        dailyDemand: daily > 0 ? daily : null,
        daysOfCover: p.daysOfCover,
        stockOutDate: p.stockOutDate,
        leadTimeDays: d.leadTimeMeanDays,
        atRisk: p.atRisk,
        valueGbpMinor: d.unitCostGbpMinor === null ? null : Math.round(d.onHand * d.unitCostGbpMinor),
        stockAsOf: d.stockAsOf!,
      };
    })
    .filter((row) => query.atRisk === undefined || row.atRisk === (query.atRisk === 'true'))
    .sort(
      (a, b) =>
        Number(b.atRisk) - Number(a.atRisk) ||
        (a.stockOutDate ?? '9999').localeCompare(b.stockOutDate ?? '9999') ||
        a.sku.localeCompare(b.sku) ||
        a.locationCode.localeCompare(b.locationCode),
    );
  return {
    asOf: plan.state?.asOf ?? null,
    computedAt: plan.state?.computedAt ?? null,
    demoData: plan.demoData,
    ...(plan.gap ? { gap: plan.gap } : {}),
    ...paginate(rows, query.limit, query.offset),
    totals: {
      onHand: rows.reduce((s, r) => s + r.onHand, 0),
      valueGbpMinor: rows.reduce((s, r) => s + (r.valueGbpMinor ?? 0), 0),
      atRisk: rows.filter((r) => r.atRisk).length,
      unvalued: rows.filter((r) => r.valueGbpMinor === null).length,
    },
  };
}
