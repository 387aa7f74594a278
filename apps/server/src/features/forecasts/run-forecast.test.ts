import { type DatabaseHandle, queryRows, schema } from '@sentia/db';
import { buildSalesHierarchy } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../../test-support/database';
import { saveAdjustment } from './adjustments';
import { forecastDataVersion } from './data-version';
import { fixtureTotal, RUN_DAY, seedForecastFixture } from './forecast-fixture';
import { getForecast } from './get-forecast';
import { queryPeriodSales } from './queries/query-period-sales';
import { runForecast } from './run-forecast';

const silent = { info() {}, warn() {}, child: () => silent } as never;

describe('forecast runs on PGlite', () => {
  let database: DatabaseHandle;
  let ctx: { db: DatabaseHandle['db']; logger: never; config: never };

  beforeAll(async () => {
    database = await createPgliteTestDatabase();
    await seedForecastFixture(database.db);
    ctx = { db: database.db, logger: silent, config: {} as never };
  });
  afterAll(async () => database?.close());

  it('keeps only complete periods in the history and fingerprints them', async () => {
    const week = await forecastDataVersion(database.db, 'week', RUN_DAY);
    const month = await forecastDataVersion(database.db, 'month', RUN_DAY);
    expect(week?.window).toEqual({ first: '2023-01-02', last: '2025-06-23' });
    // Sales start on 2 January, so January is partial; June 2025 is not over on the 30th.
    expect(month?.window).toEqual({ first: '2023-02-01', last: '2025-05-01' });
    expect(month?.version).toMatch(/^month:2023-02-01\.\.2025-05-01:\d+:-?\d+$/);
    // Same figures, same version; a day later in the same month, still the same.
    expect((await forecastDataVersion(database.db, 'month', '2025-06-30'))?.version).toBe(month?.version);
    // A correction inside the window changes it; one in the unfinished month does not.
    const change = (day: string, delta: number) =>
      database.db.execute(sql`update sales_daily set units = units + ${delta}
        where day = ${day} and product_id = (select min(product_id) from sales_daily where day = ${day})`);
    await change('2024-03-05', 1);
    expect((await forecastDataVersion(database.db, 'month', RUN_DAY))?.version).not.toBe(month?.version);
    await change('2024-03-05', -1);
    await change('2025-06-10', 5);
    expect((await forecastDataVersion(database.db, 'month', RUN_DAY))?.version).toBe(month?.version);
    await change('2025-06-10', -5);
  });

  it('builds the hierarchy from sales_daily: every total is the sum of SKU × channel sales', async () => {
    const window = { first: '2023-02-01', last: '2025-05-01' };
    const rows = await queryPeriodSales(database.db, 'month', window);
    const hierarchy = buildSalesHierarchy(rows, { granularity: 'month', ...window });
    expect(hierarchy.periods).toHaveLength(28);
    expect(hierarchy.bottom).toHaveLength(4);
    const series = (key: string) => hierarchy.nodes.find((n) => n.key === key)!.y;
    // GIN in Shopify UK (pair 0) in March 2024, by the fixture's own formula.
    expect(series('sku=GIN-70|channel=shopify-uk|region=UK')[13]).toBe(
      fixtureTotal(0, '2024-03-01', '2024-03-31'),
    );
    const company = series('company');
    const uk = series('region=UK');
    const us = series('region=US');
    for (let t = 0; t < 28; t++) expect(company[t]).toBe(uk[t]! + us[t]!);
    expect(series('channel=amazon-us|region=US')[0]).toBe(fixtureTotal(1, '2023-02-01', '2023-02-28'));
    expect(hierarchy.nodes.map((n) => n.key)).not.toContain('sku=RUM-70|channel=amazon-us|region=US');
    expect(hierarchy.nodes).toHaveLength(1 + 2 + 3 + 2 + 3 + 4);
  });

  it('fits, reconciles and stores a run whose levels add up; the same figures again are a no-op', async () => {
    const outcome = await runForecast(ctx, {
      granularity: 'month',
      trigger: 'manual',
      today: RUN_DAY,
      threads: 1,
    });
    expect(outcome).toMatchObject({ status: 'succeeded', seriesCount: 15 });
    const [run] = await database.db.select().from(schema.forecastRuns);
    expect(run).toMatchObject({
      status: 'succeeded',
      granularity: 'month',
      horizon: 12,
      method: 'auto',
      reconciliation: 'mint-wls',
      historyStart: '2023-02-01',
      historyEnd: '2025-05-01',
      seriesCount: 15,
      trigger: 'manual',
    });
    const sums = await queryRows<{
      period: string;
      company: number;
      bottom: number;
      lo: number;
      neg: number;
    }>(
      database.db,
      sql`select v.period_start::text as period,
                 max(v.point) filter (where s.level = 'company') as company,
                 sum(v.point) filter (where s.level = 'sku-channel') as bottom,
                 sum((v.lo95 <= v.lo80 and v.lo80 <= v.point and v.point <= v.hi80 and v.hi80 <= v.hi95)::int) as lo,
                 sum((v.point < 0 or v.lo95 < 0)::int) as neg
          from forecast_values v join forecast_series s on s.id = v.series_id
          group by 1 order by 1`,
    );
    expect(sums).toHaveLength(12);
    expect(sums[0]!.period).toBe('2025-06-01');
    for (const row of sums) {
      expect(Number(row.company)).toBeCloseTo(Number(row.bottom), 2);
      expect(Number(row.lo)).toBe(15);
      expect(Number(row.neg)).toBe(0);
    }
    const [accuracy] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from forecast_series where (accuracy->>'smape')::float8 >= 0`,
    );
    expect(accuracy!.n).toBe(15);

    const again = await runForecast(ctx, {
      granularity: 'month',
      trigger: 'schedule',
      today: RUN_DAY,
      threads: 1,
    });
    expect(again).toEqual({ status: 'up-to-date', runId: run!.id, dataVersion: run!.dataVersion });
    expect(await database.db.select().from(schema.forecastRuns)).toHaveLength(1);
  });

  it('serves a series: history, forecast with intervals, accuracy, model, trail and children', async () => {
    const company = await getForecast(ctx, { granularity: 'month' });
    expect(company.state).toBe('ready');
    expect(company.series).toMatchObject({ key: 'company', level: 'company' });
    expect(company.history).toHaveLength(28);
    expect(company.forecast).toHaveLength(12);
    expect(company.children.map((c) => c.series.key).sort()).toEqual(['region=UK', 'region=US']);
    const childTotal = company.children.reduce((s, c) => s + c.statisticalTotal, 0);
    const ownTotal = company.forecast.reduce((s, p) => s + p.statistical.mean, 0);
    expect(childTotal).toBeCloseTo(ownTotal, 1);

    const gin = await getForecast(ctx, {
      granularity: 'month',
      sku: 'GIN-70',
      channel: 'shopify-uk',
      horizon: 6,
    });
    expect(gin.series).toMatchObject({ level: 'sku-channel', region: 'UK', label: 'GIN-70 in Shopify UK' });
    expect(gin.trail.map((t) => t.level)).toEqual(['company', 'region', 'channel', 'sku-channel']);
    expect(gin.forecast).toHaveLength(6);
    expect(gin.accuracy?.smape).toBeGreaterThan(0);
    expect(gin.model?.method).toBe('auto');
    expect(gin.history[13]).toEqual({
      periodStart: '2024-03-01',
      units: fixtureTotal(0, '2024-03-01', '2024-03-31'),
    });
    // No adjustments yet: adjusted and inherited are the statistical forecast.
    for (const p of gin.forecast) {
      expect(p.adjusted).toEqual(p.statistical);
      expect(p.inherited).toEqual(p.statistical);
    }

    const none = await getForecast(ctx, { granularity: 'month', sku: 'RUM-70', channel: 'amazon-us' });
    expect(none.state).toBe('no-series');
    expect(none.message).toMatch(/no sales of RUM-70 in Amazon US/i);
    const weekly = await getForecast(ctx, { granularity: 'week' });
    expect(weekly.state).toBe('not-yet');
  });

  it('applies an adjustment on a total to every series under it, so adjusted figures still add up', async () => {
    const actor = { userId: null, label: 'test' };
    const companySeries = { level: 'company' as const, key: 'company', coords: {} };
    const ginSeries = {
      level: 'sku-channel' as const,
      key: 'sku=GIN-70|channel=shopify-uk|region=UK',
      coords: { sku: 'GIN-70', channel: 'shopify-uk', region: 'UK' },
    };
    const before = await getForecast(ctx, { granularity: 'month' });
    const promoMonth = before.forecast[1]!.periodStart;
    await saveAdjustment(database.db, actor, {
      series: companySeries,
      granularity: 'month',
      baseVersion: 0,
      adjustment: { growthPct: 12, seasonalityStrength: 1, promotions: [] },
    });
    await saveAdjustment(database.db, actor, {
      series: ginSeries,
      granularity: 'month',
      baseVersion: 0,
      adjustment: {
        growthPct: 0,
        seasonalityStrength: 1,
        promotions: [{ periodStart: promoMonth, upliftPct: 100 }],
      },
    });
    await expect(
      saveAdjustment(database.db, actor, {
        series: ginSeries,
        granularity: 'month',
        baseVersion: 0,
        adjustment: { growthPct: 0, seasonalityStrength: 1, promotions: [] },
      }),
    ).rejects.toThrow(/changed \(now version 1\)/);

    const company = await getForecast(ctx, { granularity: 'month' });
    const uk = await getForecast(ctx, { granularity: 'month', region: 'UK' });
    const us = await getForecast(ctx, { granularity: 'month', region: 'US' });
    const gin = await getForecast(ctx, { granularity: 'month', sku: 'GIN-70', channel: 'shopify-uk' });
    for (let h = 0; h < 12; h++) {
      // Levels add up after adjustment, and the statistical forecast is untouched.
      expect(company.forecast[h]!.adjusted.mean).toBeCloseTo(
        uk.forecast[h]!.adjusted.mean + us.forecast[h]!.adjusted.mean,
        4,
      );
      expect(company.forecast[h]!.statistical).toEqual(before.forecast[h]!.statistical);
      // 12% a year compounding from the origin reaches every series below the company.
      const growth = 1.12 ** ((h + 1) / 12);
      expect(us.forecast[h]!.adjusted.mean).toBeCloseTo(us.forecast[h]!.statistical.mean * growth, 4);
      expect(gin.forecast[h]!.inherited.mean).toBeCloseTo(gin.forecast[h]!.statistical.mean * growth, 4);
      const promo = h === 1 ? 2 : 1;
      expect(gin.forecast[h]!.adjusted.mean).toBeCloseTo(
        gin.forecast[h]!.statistical.mean * growth * promo,
        4,
      );
    }
    expect(gin.adjustedElsewhere.map((s) => s.key)).toEqual(['company']);
    expect(uk.children.find((c) => c.series.channel === 'shopify-uk')?.adjusted).toBe(false);
    expect(uk.adjustedElsewhere.map((s) => s.key).sort()).toEqual(['company', ginSeries.key]);
    const [audit] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_log where action = 'forecasts.adjusted'`,
    );
    expect(audit!.n).toBe(2);
  });
});
