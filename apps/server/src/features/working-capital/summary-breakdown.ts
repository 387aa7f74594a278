import type { WorkingCapitalSummaryResponse } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import { type DateRange, daysOf, inclusiveDays, sumInGbp } from '@sentia/domain';
import { balancesOn } from './load-period-inputs';
import type { InvoiceRow } from './queries/query-invoice-histories';
import { querySalesSlices } from './queries/query-sales';
import { queryStockCostSlices } from './queries/query-stock-cost';
import type { ChannelRow } from './settings';

type Breakdown = WorkingCapitalSummaryResponse['breakdown'];

/**
 * DSO by channel and region, DIO by region and product, over one window (flows over it, balances
 * at its end). Receivables follow the invoice's channel; stock follows its location's region.
 * Payables have no channel or region (suppliers serve the whole business), so DPO is company-wide.
 */
export async function workingCapitalBreakdown(
  db: Database,
  window: DateRange,
  channels: readonly ChannelRow[],
  receivables: readonly InvoiceRow[],
  rates: Record<string, number>,
): Promise<Breakdown> {
  const [sales, stock] = await Promise.all([
    querySalesSlices(db, window),
    queryStockCostSlices(db, window.to),
  ]);
  const days = inclusiveDays(window.from, window.to);
  const gbp = (filter: (i: InvoiceRow) => boolean) =>
    sumInGbp(balancesOn(receivables, window.to, filter), rates).minor;

  const byChannel = channels.map((channel) => {
    const revenueMinor = sales
      .filter((s) => s.channelCode === channel.code)
      .reduce((sum, s) => sum + s.revenueMinor, 0);
    const receivablesMinor = gbp((i) => i.channelCode === channel.code);
    return {
      code: channel.code,
      name: channel.name,
      regionCode: channel.regionCode,
      revenueMinor,
      receivablesMinor,
      dso: daysOf(receivablesMinor, revenueMinor, days),
    };
  });

  const regions = [
    ...new Set([...channels.map((c) => c.regionCode), ...stock.map((s) => s.regionCode)]),
  ].sort();
  const byRegion = regions.map((code) => {
    const regionSales = sales.filter((s) => s.regionCode === code);
    const revenueMinor = regionSales.reduce((sum, s) => sum + s.revenueMinor, 0);
    const cogsMinor = regionSales.reduce((sum, s) => sum + s.cogsMinor, 0);
    const receivablesMinor = gbp((i) => i.regionCode === code);
    const inventoryMinor = sumInGbp(
      stock.filter((s) => s.regionCode === code).map((s) => ({ currency: s.currency, minor: s.costMinor })),
      rates,
    ).minor;
    return {
      code,
      revenueMinor,
      cogsMinor,
      receivablesMinor,
      inventoryMinor,
      dso: daysOf(receivablesMinor, revenueMinor, days),
      dio: daysOf(inventoryMinor, cogsMinor, days),
    };
  });

  const products = new Map<string, string>();
  for (const s of stock) products.set(s.sku, s.name);
  for (const s of sales) if (!products.has(s.sku)) products.set(s.sku, s.sku);
  const byProduct = [...products]
    .map(([sku, name]) => {
      const cogsMinor = sales.filter((s) => s.sku === sku).reduce((sum, s) => sum + s.cogsMinor, 0);
      const inventoryMinor = sumInGbp(
        stock.filter((s) => s.sku === sku).map((s) => ({ currency: s.currency, minor: s.costMinor })),
        rates,
      ).minor;
      return { sku, name, cogsMinor, inventoryMinor, dio: daysOf(inventoryMinor, cogsMinor, days) };
    })
    .sort((a, b) => a.sku.localeCompare(b.sku));

  return { window: { from: window.from, to: window.to }, byChannel, byRegion, byProduct };
}
