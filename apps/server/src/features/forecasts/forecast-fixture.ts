import { type Database, schema } from '@sentia/db';

const DAY_MS = 86_400_000;
const toEpochDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const fromEpochDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * A small, fully determined sales history for forecasting tests: two SKUs in three channels of two
 * regions, daily from 2023-01-02 (a Monday) to 2025-06-29 (a Sunday), 130 whole weeks and 29 whole
 * months before the run date 2025-06-30 (RUN_DAY). Units follow a trend, a yearly season and a weekly
 * pattern; RUM is never sold on Amazon US, so that combination has no series.
 */
export const FIRST_DAY = '2023-01-02';
export const LAST_DAY = '2025-06-29';
export const RUN_DAY = '2025-06-30';

const PAIRS = [
  { sku: 'GIN-70', channel: 'shopify-uk', level: 12 },
  { sku: 'GIN-70', channel: 'amazon-us', level: 7 },
  { sku: 'RUM-70', channel: 'shopify-uk', level: 4 },
  { sku: 'RUM-70', channel: 'wholesale-uk', level: 2 },
] as const;

/** Units sold on a day by a pair: deterministic, whole, never negative. */
export function fixtureUnits(pairIndex: number, day: string): number {
  const pair = PAIRS[pairIndex]!;
  const t = toEpochDay(day) - toEpochDay(FIRST_DAY);
  const trend = 1 + t / 900;
  const season = 1 + 0.35 * Math.sin((2 * Math.PI * (t + 30 * pairIndex)) / 365.25);
  const weekday = t % 7 >= 5 ? 1.4 : 0.9;
  // A fixed wobble so the series are not perfectly smooth.
  const wobble = 1 + 0.15 * Math.sin(t * 1.7 + pairIndex) * Math.cos(t * 0.37);
  return Math.max(0, Math.round(pair.level * trend * season * weekday * wobble));
}

export async function seedForecastFixture(db: Database): Promise<void> {
  const channels = await db
    .insert(schema.channels)
    .values([
      {
        code: 'shopify-uk',
        name: 'Shopify UK',
        kind: 'shopify',
        regionCode: 'UK',
        currency: 'GBP',
        source: 'test',
      },
      {
        code: 'wholesale-uk',
        name: 'Wholesale UK',
        kind: 'wholesale',
        regionCode: 'UK',
        currency: 'GBP',
        source: 'test',
      },
      {
        code: 'amazon-us',
        name: 'Amazon US',
        kind: 'amazon',
        regionCode: 'US',
        currency: 'USD',
        source: 'test',
      },
    ])
    .returning();
  const products = await db
    .insert(schema.products)
    .values([
      { sku: 'GIN-70', name: 'Gin 70cl', unitCost: 800, costCurrency: 'GBP', source: 'test' },
      { sku: 'RUM-70', name: 'Rum 70cl', unitCost: 900, costCurrency: 'GBP', source: 'test' },
    ])
    .returning();
  const channelId = new Map(channels.map((c) => [c.code, c.id]));
  const productId = new Map(products.map((p) => [p.sku, p.id]));
  const rows: (typeof schema.salesDaily.$inferInsert)[] = [];
  for (let d = toEpochDay(FIRST_DAY); d <= toEpochDay(LAST_DAY); d++) {
    const day = fromEpochDay(d);
    PAIRS.forEach((pair, i) => {
      const units = fixtureUnits(i, day);
      if (units === 0) return;
      rows.push({
        day,
        productId: productId.get(pair.sku)!,
        channelId: channelId.get(pair.channel)!,
        units,
        orders: units,
        revenueGbp: units * 2500,
        cogsGbp: units * 900,
      });
    });
  }
  for (let start = 0; start < rows.length; start += 1000) {
    await db.insert(schema.salesDaily).values(rows.slice(start, start + 1000));
  }
}

/** Units a pair sold in [from, to] by the fixture's formula, for hand checks. */
export function fixtureTotal(pairIndex: number, from: string, to: string): number {
  let total = 0;
  for (let d = toEpochDay(from); d <= toEpochDay(to); d++) total += fixtureUnits(pairIndex, fromEpochDay(d));
  return total;
}
