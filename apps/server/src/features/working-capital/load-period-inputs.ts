import type { Database } from '@sentia/db';
import { type CurrencyAmount, type DateRange, outstandingOn, type PeriodInput } from '@sentia/domain';
import { queryRatesAt, type RateOn, rateTable } from './queries/query-fx-rates';
import { type InvoiceRow, queryInvoiceHistories } from './queries/query-invoice-histories';
import { querySalesInRanges } from './queries/query-sales';
import { queryStockCostAt } from './queries/query-stock-cost';

export interface LoadedPeriods {
  inputs: PeriodInput[];
  receivables: InvoiceRow[];
  payables: InvoiceRow[];
  /** Rates on each range end. */
  rates: Map<string, Map<string, RateOn>>;
}

/**
 * The measures' inputs for each range: GBP revenue and COGS over it, and receivables, stock at
 * cost and payables at its last day (period-end balances), with that day's FX rates.
 */
export async function loadPeriodInputs(db: Database, ranges: readonly DateRange[]): Promise<LoadedPeriods> {
  if (ranges.length === 0) return { inputs: [], receivables: [], payables: [], rates: new Map() };
  const ends = [...new Set(ranges.map((r) => r.to))].sort();
  const earliest = ranges.map((r) => r.from).sort()[0]!;
  const latest = ends[ends.length - 1]!;
  const [sales, stock, receivables, payables, rates] = await Promise.all([
    querySalesInRanges(db, ranges),
    queryStockCostAt(db, ends),
    queryInvoiceHistories(db, 'receivable', earliest, latest),
    queryInvoiceHistories(db, 'payable', earliest, latest),
    queryRatesAt(db, ends),
  ]);
  const inputs = ranges.map((range, i) => ({
    from: range.from,
    to: range.to,
    revenueMinor: sales[i]!.revenueMinor,
    cogsMinor: sales[i]!.cogsMinor,
    receivables: balancesOn(receivables, range.to),
    inventory: stock.get(range.to) ?? [],
    payables: balancesOn(payables, range.to),
    rates: rateTable(rates.get(range.to)),
  }));
  return { inputs, receivables, payables, rates };
}

/** What each invoice still owed on `date`, as amounts in their currencies. */
export function balancesOn(
  invoices: readonly InvoiceRow[],
  date: string,
  include: (invoice: InvoiceRow) => boolean = () => true,
): CurrencyAmount[] {
  const amounts: CurrencyAmount[] = [];
  for (const invoice of invoices) {
    if (!include(invoice)) continue;
    const minor = outstandingOn(invoice, date);
    if (minor !== 0) amounts.push({ currency: invoice.currency, minor });
  }
  return amounts;
}
