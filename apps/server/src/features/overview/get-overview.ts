import type { GlobalFilters, Kpi, OverviewResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import { DATA_GAPS } from './data-gaps';
import { resolvePeriod } from './period';
import { queryDataPresence } from './queries/query-data-presence';
import { queryOpenInvoices } from './queries/query-open-invoices';
import { querySalesTotals } from './queries/query-sales-totals';
import { querySalesTrend } from './queries/query-sales-trend';
import { queryStockValue } from './queries/query-stock-value';

const GBP = 'GBP';

/**
 * The executive overview: sales KPIs for the period against the one before, point-in-time balances
 * at the period's end, and the daily trend. A measure with no underlying data carries a gap saying
 * what would supply it, never a made-up number.
 */
export async function getOverview(
  ctx: Pick<AppContext, 'db'>,
  filters: GlobalFilters,
  today: string,
): Promise<OverviewResponse> {
  const { period, previous } = resolvePeriod(filters, today);
  const slice = { region: filters.region, channel: filters.channel, sku: filters.sku };
  const [
    presence,
    sales,
    salesBefore,
    trend,
    stock,
    stockBefore,
    receivables,
    receivablesBefore,
    payables,
    payablesBefore,
  ] = await Promise.all([
    queryDataPresence(ctx.db),
    querySalesTotals(ctx.db, period, slice),
    querySalesTotals(ctx.db, previous, slice),
    querySalesTrend(ctx.db, period, slice),
    queryStockValue(ctx.db, period.to, slice),
    queryStockValue(ctx.db, previous.to, slice),
    queryOpenInvoices(ctx.db, 'receivable', period.to, slice),
    queryOpenInvoices(ctx.db, 'receivable', previous.to, slice),
    queryOpenInvoices(ctx.db, 'payable', period.to, slice),
    queryOpenInvoices(ctx.db, 'payable', previous.to, slice),
  ]);

  const salesGap = presence.orders ? undefined : DATA_GAPS.sales;
  const margin = sales.revenueMinor - sales.cogsMinor;
  const marginBefore = salesBefore.revenueMinor - salesBefore.cogsMinor;
  const kpis: Kpi[] = [
    measure({
      key: 'revenue',
      label: 'Revenue',
      unit: 'money',
      value: sales.revenueMinor,
      previous: salesBefore.revenueMinor,
      formula:
        'Sum of order line net amounts (excluding tax) of orders not cancelled or refunded, converted to GBP at each day’s rate.',
      gap: salesGap,
    }),
    measure({
      key: 'units',
      label: 'Units sold',
      unit: 'units',
      value: sales.units,
      previous: salesBefore.units,
      formula: 'Sum of quantities on order lines of orders not cancelled or refunded.',
      gap: salesGap,
    }),
    measure({
      key: 'grossMargin',
      label: 'Gross margin',
      unit: 'money',
      value: margin,
      previous: marginBefore,
      formula: 'Revenue − cost of goods sold; COGS = units × each SKU’s unit cost, converted to GBP.',
      gap: salesGap,
    }),
    measure({
      key: 'grossMarginPct',
      label: 'Gross margin %',
      unit: 'percent',
      value: sales.revenueMinor > 0 ? margin / sales.revenueMinor : null,
      previous: salesBefore.revenueMinor > 0 ? marginBefore / salesBefore.revenueMinor : null,
      formula: 'Gross margin ÷ revenue; shown as n/a for a period without revenue.',
      gap: salesGap,
    }),
    measure({
      key: 'stockValue',
      label: 'Stock value',
      unit: 'money',
      value: stock.valueMinor,
      previous: stockBefore.asOf ? stockBefore.valueMinor : null,
      asOf: stock.asOf,
      formula:
        'Latest stock count on or before the period end per SKU and location × unit cost, in GBP at that date’s rate. Not split by channel.',
      gap: presence.stock ? undefined : DATA_GAPS.stock,
    }),
    measure({
      key: 'receivables',
      label: 'Open receivables',
      unit: 'money',
      value: receivables,
      previous: receivablesBefore,
      asOf: period.to,
      formula: 'Customer invoices issued by the period end less payments received by then, in GBP.',
      gap: presence.receivables ? undefined : DATA_GAPS.receivables,
    }),
    measure({
      key: 'payables',
      label: 'Open payables',
      unit: 'money',
      value: payables,
      previous: payablesBefore,
      asOf: period.to,
      formula: 'Supplier bills issued by the period end less payments made by then, in GBP. Company-wide.',
      gap: presence.payables ? undefined : DATA_GAPS.payables,
    }),
  ];

  return {
    period,
    previousPeriod: previous,
    currency: GBP,
    kpis,
    trend: presence.orders ? trend : [],
    demoData: presence.demo,
    dataUpdatedAt: presence.updatedAt,
    generatedAt: new Date().toISOString(),
  };
}

function measure(input: Omit<Kpi, 'asOf' | 'currency'> & { asOf?: string | null }): Kpi {
  const { gap, ...rest } = input;
  const base: Kpi = {
    ...rest,
    asOf: input.asOf ?? null,
    ...(input.unit === 'money' ? { currency: GBP } : {}),
  };
  return gap ? { ...base, value: null, previous: null, gap } : base;
}
