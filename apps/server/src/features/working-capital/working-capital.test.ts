import { type Database, type DatabaseHandle, queryRows, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { getCashForecastFor } from './cash-forecast/get-cash-forecast';
import { clock } from './routes';
import { DEFAULT_WORKING_CAPITAL_SETTINGS } from './settings';
import {
  describeWorkingCapitalBehaviour,
  seedWorkingCapitalFixture,
  WC_TODAY,
} from './working-capital-fixture';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createPgliteTestDatabase();
  await seedWorkingCapitalFixture(handle.db);
});
afterAll(async () => handle?.close());

describeWorkingCapitalBehaviour(() => handle.db);

/** A fingerprint of every table's rows, to show a computation wrote nothing. */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const prints: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ print: string | null }>(
      db,
      sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as print from ${sql.identifier(name)} t`,
    );
    prints[name] = row?.print ?? '';
  }
  return prints;
}

describe('scenarios never change stored data', () => {
  it('computes any scenario without writing a row', async () => {
    const before = await fingerprint(handle.db);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          revenuePct: fc.integer({ min: -100, max: 500 }),
          cogsPct: fc.integer({ min: -100, max: 500 }),
          dsoDays: fc.integer({ min: -180, max: 180 }),
          dpoDays: fc.integer({ min: -180, max: 180 }),
          dioDays: fc.integer({ min: -180, max: 180 }),
          fxPct: fc.record({
            EUR: fc.integer({ min: -90, max: 500 }),
            USD: fc.integer({ min: -90, max: 500 }),
          }),
        }),
        fc.constantFrom('30d' as const, '13w' as const, '24m' as const),
        async (adjustments, horizon) => {
          const scenario = {
            id: null,
            name: 'Probe',
            kind: 'custom' as const,
            adjustments,
            standard: false,
            createdAt: null,
          };
          const forecast = await getCashForecastFor({ db: handle.db }, horizon, scenario, WC_TODAY);
          expect(forecast.scenario.adjustments).toEqual(adjustments);
        },
      ),
      { numRuns: 15 },
    );
    expect(await fingerprint(handle.db)).toEqual(before);
  });
});

describe('working-capital API', () => {
  let test: ReturnType<typeof createTestContext>;
  let app: Awaited<ReturnType<typeof buildHttpApp>>;
  let viewer: { authorization: string };
  let finance: { authorization: string };

  beforeAll(async () => {
    clock.today = () => WC_TODAY;
    test = createTestContext(handle);
    app = await buildHttpApp(test.ctx, { serveWeb: false });
    viewer = (await signInAs(app, test.ctx, 'viewer')).headers;
    finance = (await signInAs(app, test.ctx, 'finance')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await test?.close();
  });

  it('serves the summary, ageing, cash forecast and scenarios to any reader', async () => {
    for (const url of [
      '/api/working-capital/summary?from=2026-03-01&to=2026-04-30',
      '/api/working-capital/ageing?type=receivable',
      '/api/working-capital/ageing?type=payable',
      '/api/cash-forecast?horizon=13w',
      '/api/cash-forecast?horizon=24m&scenario=Optimistic',
      '/api/scenarios',
      '/api/working-capital/settings',
    ]) {
      const response = await app.inject({ method: 'GET', url, headers: viewer });
      expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
    }
    const forecast = await app.inject({
      method: 'GET',
      url: '/api/cash-forecast?horizon=13w',
      headers: viewer,
    });
    expect(forecast.json().periods).toHaveLength(13);
    expect(forecast.headers['cache-control']).toBe('no-cache');
  });

  it('refuses bad queries with the field at fault, and an unknown scenario with 404', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/api/working-capital/ageing?type=both',
      headers: viewer,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const reversed = await app.inject({
      method: 'GET',
      url: '/api/working-capital/summary?from=2026-05-01&to=2026-04-01',
      headers: viewer,
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe('querystring.from');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/cash-forecast?scenario=Nope',
      headers: viewer,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('saves scenarios for finance only, audited, and the forecast uses them', async () => {
    const body = {
      name: 'Slow Amazon',
      adjustments: { revenuePct: 0, cogsPct: 0, dsoDays: 0, dpoDays: 0, dioDays: 0, fxPct: { EUR: -50 } },
    };
    const denied = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: viewer,
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const saved = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: finance,
      payload: body,
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ name: 'Slow Amazon', kind: 'custom', standard: false });
    const list = (await app.inject({ method: 'GET', url: '/api/scenarios', headers: viewer })).json();
    expect(list.scenarios.map((s: { name: string }) => s.name)).toEqual([
      'Base',
      'Optimistic',
      'Pessimistic',
      'Stress',
      'Slow Amazon',
    ]);
    const forecast = await app.inject({
      method: 'GET',
      url: '/api/cash-forecast?horizon=30d&scenario=slow%20amazon',
      headers: viewer,
    });
    // €10 000 at 0.85 × 0.5.
    expect(forecast.json().openingCashMinor).toBe(150_000 + 4_250);
    const [audit] = await handle.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'scenarios.saved'));
    expect(audit).toMatchObject({ targetType: 'scenario', targetId: 'Slow Amazon' });
    const extra = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: finance,
      payload: { ...body, surprise: true },
    });
    expect(extra.statusCode).toBe(400);
    const wrongKind = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: finance,
      payload: { ...body, name: 'stress', kind: 'custom' },
    });
    expect(wrongKind.statusCode).toBe(400);
  });

  it('changes settings with write:working-capital, audited, and the forecast shows the breach', async () => {
    // Read (and so cached) before the change: the change must show at once all the same.
    const before = await app.inject({
      method: 'GET',
      url: '/api/cash-forecast?horizon=30d',
      headers: viewer,
    });
    expect(before.json().firstBreach).toBeNull();
    const settings = { ...DEFAULT_WORKING_CAPITAL_SETTINGS, minimumCashMinor: 166_000 };
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/working-capital/settings',
      headers: viewer,
      payload: settings,
    });
    expect(denied.statusCode).toBe(403);
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/working-capital/settings',
      headers: finance,
      payload: settings,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, settings: { minimumCashMinor: 166_000 } });
    const [audit] = await handle.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'settings.changed'));
    expect(audit).toMatchObject({
      targetId: 'working-capital.settings',
      after: { minimumCashMinor: 166_000 },
    });

    // 158 500 + 10 000 on 1 May; 15 May −4 000 → 164 500 < 166 000; 20 May +5 000 → 169 500.
    const forecast = (
      await app.inject({ method: 'GET', url: '/api/cash-forecast?horizon=30d', headers: viewer })
    ).json();
    expect(forecast.firstBreach).toEqual({
      date: '2026-05-15',
      closingCashMinor: 164_500,
      shortfallMinor: 1_500,
      peakShortfallMinor: 1_500,
      peakDate: '2026-05-15',
      recoversOn: '2026-05-20',
    });
    expect(forecast.alerts[0]).toMatchObject({ kind: 'cash-breach', date: '2026-05-15' });

    const unknownChannel = await app.inject({
      method: 'PUT',
      url: '/api/working-capital/settings',
      headers: finance,
      payload: {
        ...settings,
        channelTerms: [{ channelCode: 'nope', settlementDays: 1, payoutEveryDays: 1 }],
      },
    });
    expect(unknownChannel.statusCode).toBe(400);
    expect(unknownChannel.json().errors[0].field).toBe('body.channelTerms.0.channelCode');
    const inverted = await app.inject({
      method: 'PUT',
      url: '/api/working-capital/settings',
      headers: finance,
      payload: { ...settings, cccThresholds: { target: 80, warning: 65, critical: 75 } },
    });
    expect(inverted.statusCode).toBe(400);
    await app.inject({
      method: 'PUT',
      url: '/api/working-capital/settings',
      headers: finance,
      payload: DEFAULT_WORKING_CAPITAL_SETTINGS,
    });
  });

  it('exports the board pack as XLSX for export:data, audited', async () => {
    const denied = await app.inject({
      method: 'GET',
      url: '/api/working-capital/export.xlsx',
      headers: viewer,
    });
    expect(denied.statusCode).toBe(403);
    const response = await app.inject({
      method: 'GET',
      url: '/api/working-capital/export.xlsx?from=2026-03-01&to=2026-04-30',
      headers: finance,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Monthly',
      'Receivables ageing',
      'Payables ageing',
      'Cash forecast 13w',
    ]);
    expect(workbook.getWorksheet('Monthly')!.getRow(2).getCell(3).value).toBe(620);
    const exported = await handle.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetType, 'working-capital-board-pack'));
    expect(exported).toHaveLength(1);
  });
});

describe('with FEATURE_WORKING_CAPITAL off', () => {
  it('answers 404 problem+json on every route, signed in or not', async () => {
    const test = createTestContext(handle, { env: { FEATURE_WORKING_CAPITAL: 'false' } });
    const app = await buildHttpApp(test.ctx, { serveWeb: false });
    try {
      const { headers } = await signInAs(app, test.ctx, 'admin');
      for (const [method, url] of [
        ['GET', '/api/working-capital/summary'],
        ['GET', '/api/working-capital/ageing?type=receivable'],
        ['GET', '/api/cash-forecast'],
        ['GET', '/api/scenarios'],
        ['POST', '/api/scenarios'],
        ['GET', '/api/working-capital/settings'],
        ['GET', '/api/working-capital/export.xlsx'],
      ] as const) {
        const response = await app.inject({
          method,
          url,
          headers,
          payload: method === 'POST' ? {} : undefined,
        });
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type']).toMatch(/problem\+json/);
        expect(response.json().type).toBe('/problems/feature-disabled');
      }
      const anonymous = await app.inject({ method: 'GET', url: '/api/cash-forecast' });
      expect(anonymous.statusCode).toBe(404);
      const features = await app.inject({ method: 'GET', url: '/api/features', headers });
      expect(features.json().features.workingCapital).toBe(false);
    } finally {
      await app.close();
      await test.close();
    }
  });
});
