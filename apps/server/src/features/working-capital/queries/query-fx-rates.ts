import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { dateArraySql, isoText } from './sql-helpers';

export interface RateOn {
  gbpPerUnit: number;
  rateDate: string;
}

/** For each date, every currency's latest rate to GBP on or before it (GBP per unit). */
export async function queryRatesAt(
  db: Database,
  dates: readonly string[],
): Promise<Map<string, Map<string, RateOn>>> {
  const rows = await queryRows<{ date: string; currency: string; rate: string | number; rate_date: string }>(
    db,
    sql`select d::text as date, r.currency, r.rate_to_gbp as rate, r.rate_date::text as rate_date
        from unnest(${dateArraySql(dates)}) d
        cross join (select distinct currency from fx_rates) c
        cross join lateral (
          select f.currency, f.rate_to_gbp, f.rate_date from fx_rates f
          where f.currency = c.currency and f.rate_date <= d
          order by f.rate_date desc limit 1
        ) r`,
  );
  const byDate = new Map<string, Map<string, RateOn>>(dates.map((d) => [d, new Map()]));
  for (const r of rows) {
    byDate
      .get(isoText(r.date))
      ?.set(r.currency.trim(), { gbpPerUnit: Number(r.rate), rateDate: r.rate_date });
  }
  return byDate;
}

/** `{ EUR: 0.85, … }` for the domain functions. */
export function rateTable(rates: Map<string, RateOn> | undefined): Record<string, number> {
  return Object.fromEntries([...(rates ?? new Map<string, RateOn>())].map(([c, r]) => [c, r.gbpPerUnit]));
}

export function rateList(rates: Map<string, RateOn> | undefined) {
  return [...(rates ?? new Map<string, RateOn>())]
    .map(([currency, r]) => ({ currency, gbpPerUnit: r.gbpPerUnit, rateDate: r.rateDate }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
