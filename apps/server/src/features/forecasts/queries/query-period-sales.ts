import { type Database, queryRows } from '@sentia/db';
import {
  type ForecastGranularity,
  forecastPeriodEnd,
  forecastPeriodRange,
  type PeriodSalesRow,
} from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { toInt } from '../../overview/queries/filter-sql';

/** The first and last day with any sales, or null when there are none. */
export async function querySalesDayRange(db: Database): Promise<{ first: string; last: string } | null> {
  const [row] = await queryRows<{ first: string | null; last: string | null }>(
    db,
    sql`select min(day)::text as first, max(day)::text as last from sales_daily`,
  );
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** Periods per query: small slices keep each statement short (PGlite runs on the event loop's thread). */
const PERIODS_PER_SLICE: Record<ForecastGranularity, number> = { week: 13, month: 3 };

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Units per period × SKU × channel (with the channel's region) from the daily sales figures, for the
 * periods `first`…`last` (period starts). Read a quarter at a time, letting other work in between.
 */
export async function queryPeriodSales(
  db: Database,
  granularity: ForecastGranularity,
  window: { first: string; last: string },
): Promise<PeriodSalesRow[]> {
  const catalogue = await queryRows<{ kind: string; id: number; code: string; region: string | null }>(
    db,
    sql`select 'product' as kind, id, sku as code, null as region from products
        union all select 'channel', id, code, region_code from channels`,
  );
  const products = new Map(catalogue.filter((c) => c.kind === 'product').map((c) => [Number(c.id), c.code]));
  const channels = new Map(
    catalogue
      .filter((c) => c.kind === 'channel')
      .map((c) => [Number(c.id), { code: c.code, region: c.region! }]),
  );
  // Monday of the ISO week (2000-01-03 was a Monday), or the first of the month.
  const period =
    granularity === 'week'
      ? sql`s.day - ((s.day - date '2000-01-03') % 7)`
      : sql`date_trunc('month', s.day)::date`;
  const starts = forecastPeriodRange(window.first, window.last, granularity);
  const out: PeriodSalesRow[] = [];
  for (let i = 0; i < starts.length; i += PERIODS_PER_SLICE[granularity]) {
    const from = starts[i]!;
    const lastStart = starts[Math.min(i + PERIODS_PER_SLICE[granularity], starts.length) - 1]!;
    const rows = await queryRows<{ period: string; product_id: number; channel_id: number; units: unknown }>(
      db,
      sql`select (${period})::text as period, s.product_id, s.channel_id, sum(s.units)::bigint as units
          from sales_daily s
          where s.day between ${from}::date and ${forecastPeriodEnd(lastStart, granularity)}::date
          group by 1, 2, 3`,
    );
    for (const r of rows) {
      const channel = channels.get(Number(r.channel_id));
      const sku = products.get(Number(r.product_id));
      if (!channel || !sku) continue;
      out.push({
        periodStart: r.period,
        sku,
        channel: channel.code,
        region: channel.region,
        units: toInt(r.units),
      });
    }
    await yieldToEventLoop();
  }
  return out;
}

/**
 * A fingerprint of exactly the sales a run for this window would fit on: a count and an
 * order-independent sum of hashes of (day, SKU, channel, units), so any change to a day, SKU, channel or
 * quantity inside the window changes it (barring a 64-bit hash collision).
 */
export async function querySalesFingerprint(
  db: Database,
  granularity: ForecastGranularity,
  window: { first: string; last: string },
): Promise<string> {
  const [row] = await queryRows<{ n: unknown; digest: string | null }>(
    db,
    sql`select count(*)::bigint as n,
               sum(hashint8extended(((s.day - date '2000-01-01')::bigint * 65536 + s.product_id) * 65536 + s.channel_id,
                                    s.units)::numeric)::text as digest
        from sales_daily s
        where s.day between ${window.first}::date and ${forecastPeriodEnd(window.last, granularity)}::date`,
  );
  return `${toInt(row?.n)}:${row?.digest ?? '0'}`;
}
