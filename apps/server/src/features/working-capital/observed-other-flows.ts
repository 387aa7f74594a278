import type { Database } from '@sentia/db';
import { convertMinor } from '@sentia/domain';
import { queryRatesAt, rateTable } from './queries/query-fx-rates';
import { OTHER_FLOWS_WINDOW_DAYS, queryUnexplainedBankMovements } from './queries/query-other-flows';

/**
 * The weekly GBP run rate of bank movements not explained by invoice payments over the last
 * 13 weeks (negative: money out), or null without enough bank history. Currencies without a rate
 * are left out.
 */
export async function observedOtherFlowsPerWeek(db: Database, asOf: string): Promise<number | null> {
  const [movements, ratesAt] = await Promise.all([
    queryUnexplainedBankMovements(db, asOf),
    queryRatesAt(db, [asOf]),
  ]);
  if (!movements) return null;
  const rates = rateTable(ratesAt.get(asOf));
  let total = 0;
  for (const [currency, minor] of movements) {
    if (currency === 'GBP') total += minor;
    else if (rates[currency]) total += convertMinor(minor, currency, 'GBP', rates[currency]);
  }
  return Math.round((total * 7) / OTHER_FLOWS_WINDOW_DAYS);
}
