import type { CashForecastResponse, WorkingCapitalSummaryResponse } from '@sentia/contracts';
import { cashPeriods, NO_ADJUSTMENTS, NO_LEVERS, projectCash, withLevers } from '@sentia/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, signInFirstAdmin, startProcess, tempDataDir, waitFor } from './support/app-process';
import { launchBrowser, seriousAccessibilityViolations } from './support/browser';

/**
 * The working-capital cockpit on the demo data, in Chromium: the figures it shows are the API's, a
 * lever moves the cash forecast by what the same projection computes, the breach of a minimum cash
 * is marked, axe finds no serious violation, and with FEATURE_WORKING_CAPITAL off the page leaves
 * the navigation and its API answers 404.
 */
describe('working-capital cockpit in the browser (embedded mode, demo data)', () => {
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  let cookies: { name: string; value: string }[];
  let cookieHeader: string;

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${app.url}${path}`, { headers: { cookie: cookieHeader } });
    expect(response.status, `${path}: ${response.status}`).toBe(200);
    return (await response.json()) as T;
  };

  async function openCockpit(width = 1280): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    await context.addCookies(cookies.map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();
    await page.goto(`${app.url}/working-capital`);
    await page.locator('[data-kpi="ccc"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="closing-cash"]').waitFor({ timeout: 60_000 });
    return { context, page };
  }

  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: dataDir });
    ({ cookies, cookieHeader } = await signInFirstAdmin(app));
    await waitFor(
      async () => {
        const response = await fetch(`${app.url}/api/working-capital/summary`, {
          headers: { cookie: cookieHeader },
        });
        const body = (await response.json()) as WorkingCapitalSummaryResponse;
        // The cash forecast follows the stored forecast runs the demo load starts: the jobs must be
        // done, or the page and the API read figures from either side of a run finishing.
        const queues = await fetch(`${app.url}/api/queues/status`, { headers: { cookie: cookieHeader } });
        const { queues: states } = (await queues.json()) as {
          queues: { waiting: number; active: number; delayed: number }[];
        };
        if (states.some((q) => q.waiting + q.active + q.delayed > 0)) return false;
        const runs = await fetch(`${app.url}/api/forecasts/runs`, { headers: { cookie: cookieHeader } });
        const { runs: recent } = (await runs.json()) as { runs: { status: string; granularity: string }[] };
        const done = (granularity: string) =>
          recent.some((r) => r.granularity === granularity && r.status === 'succeeded');
        return (
          done('week') &&
          done('month') &&
          !recent.some((r) => r.status === 'running') &&
          body.demoData &&
          body.kpis.find((k) => k.key === 'ccc')?.value !== null &&
          body.months.some((m) => m.revenueMinor > 0)
        );
      },
      { what: 'the demo data to load and the analytics to refresh', timeoutMs: 240_000, intervalMs: 2_000 },
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the API’s figures, badged as demo data, with no serious accessibility violation', async () => {
    const { context, page } = await openCockpit();
    const summary = await api<WorkingCapitalSummaryResponse>('/api/working-capital/summary');
    for (const key of ['ccc', 'dso', 'dio', 'dpo']) {
      const kpi = summary.kpis.find((k) => k.key === key)!;
      const shown = await page.locator(`[data-kpi="${key}"]`).textContent();
      expect(shown, key).toBe(`${kpi.value!.toFixed(1)} days`);
    }
    for (const key of ['receivables', 'payables', 'inventory', 'cash']) {
      const kpi = summary.kpis.find((k) => k.key === key)!;
      expect(Number(await page.locator(`[data-kpi="${key}"]`).getAttribute('data-value')), key).toBe(
        kpi.value,
      );
      const pounds = new Intl.NumberFormat('en-GB', {
        style: 'currency',
        currency: 'GBP',
        maximumFractionDigits: 0,
      });
      expect(await page.locator(`[data-kpi="${key}"]`).textContent(), key).toBe(
        pounds.format(kpi.value! / 100),
      );
    }
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe(summary.cccStatus);

    const forecast = await api<CashForecastResponse>('/api/cash-forecast?horizon=13w');
    expect(Number(await page.getByTestId('closing-cash').getAttribute('data-value'))).toBe(
      forecast.periods.at(-1)!.closingCashMinor,
    );
    expect(Number(await page.getByTestId('opening-cash').getAttribute('data-value'))).toBe(
      forecast.openingCashMinor,
    );
    const receivables = await api<{ totalMinor: number }>('/api/working-capital/ageing?type=receivable');
    const total = await page.getByTestId('ageing-total-receivable').textContent();
    expect((total ?? '').replace(/[^\d]/g, '')).toBe(String(Math.round(receivables.totalMinor / 100)));
    await expect
      .poll(() =>
        page
          .getByText(/demo data/i)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${dataDir}/working-capital-1280.png`, fullPage: true });

    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await context.close();
  });

  it('moves the cash forecast when a lever is pulled, by what the same projection computes', async () => {
    const { context, page } = await openCockpit();
    const forecast = await api<CashForecastResponse>('/api/cash-forecast?horizon=13w');
    const before = Number(await page.getByTestId('closing-cash').getAttribute('data-value'));
    await page.locator('[data-lever="dsoReductionDays"]').fill('10');
    const expected = cashPeriods(
      projectCash(forecast.inputs, withLevers(NO_ADJUSTMENTS, { ...NO_LEVERS, dsoReductionDays: 10 })),
      '13w',
    ).at(-1)!.closingCashMinor;
    await expect
      .poll(async () => Number(await page.getByTestId('closing-cash').getAttribute('data-value')))
      .toBe(expected);
    expect(expected).toBeGreaterThan(before);
    expect(Number(await page.getByTestId('lever-effect').getAttribute('data-value'))).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Without levers').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('edits a scenario’s assumptions, applies them at once and saves it as a custom scenario', async () => {
    const { context, page } = await openCockpit();
    const before = Number(await page.getByTestId('closing-cash').getAttribute('data-value'));
    await page.getByText('Scenario assumptions').click();
    await page.getByLabel('Revenue (%)').fill('-50');
    await expect
      .poll(async () => Number(await page.getByTestId('closing-cash').getAttribute('data-value')))
      .toBeLessThan(before);
    await page.getByLabel('Save as').fill('Half revenue');
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await expect.poll(() => page.getByTestId('scenario').inputValue()).toBe('Half revenue');
    const scenarios = await api<{ scenarios: { name: string; adjustments: { revenuePct: number } }[] }>(
      '/api/scenarios',
    );
    expect(scenarios.scenarios.find((s) => s.name === 'Half revenue')?.adjustments.revenuePct).toBe(-50);
    const saved = await api<CashForecastResponse>('/api/cash-forecast?horizon=13w&scenario=Half%20revenue');
    expect(Number(await page.getByTestId('closing-cash').getAttribute('data-value'))).toBe(
      saved.periods.at(-1)!.closingCashMinor,
    );
    await context.close();
  });

  it('marks the first breach once a minimum cash above the forecast is set', async () => {
    const settings = await api<{ settings: Record<string, unknown> }>('/api/working-capital/settings');
    const csrf = cookies.find((c) => c.name === 'sentia_csrf')!.value;
    const forecast = await api<CashForecastResponse>('/api/cash-forecast?horizon=13w');
    const highest = Math.max(...forecast.periods.map((p) => p.closingCashMinor));
    const put = await fetch(`${app.url}/api/working-capital/settings`, {
      method: 'PUT',
      headers: {
        cookie: cookieHeader,
        'content-type': 'application/json',
        'x-csrf-token': decodeURIComponent(csrf),
      },
      body: JSON.stringify({ ...settings.settings, minimumCashMinor: highest + 100_000 }),
    });
    expect(put.status).toBe(200);
    const breached = await api<CashForecastResponse>('/api/cash-forecast?horizon=13w');
    expect(breached.firstBreach).not.toBeNull();
    const { context, page } = await openCockpit();
    await expect
      .poll(() => page.getByTestId('breach').getAttribute('data-breach'))
      .toBe(breached.firstBreach!.date);
    expect(await page.getByText(/Breach: lowest cash below the minimum/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${dataDir}/working-capital-breach.png`, fullPage: true });
    await context.close();
  });

  it('leaves the navigation and answers 404 with FEATURE_WORKING_CAPITAL off', async () => {
    const { context, page } = await openCockpit();
    await expect.poll(() => page.getByRole('link', { name: 'Working capital' }).count()).toBeGreaterThan(0);
    await context.close();
    await app.stop('SIGTERM');
    app = await startProcess('apps/server/dist/main.js', {
      DATA_DIR: dataDir,
      FEATURE_WORKING_CAPITAL: 'false',
    });
    const response = await fetch(`${app.url}/api/working-capital/summary`, {
      headers: { cookie: cookieHeader },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { type: string }).type).toBe('/problems/feature-disabled');
    const off = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await off.addCookies(cookies.map((c) => ({ ...c, url: app.url })));
    const home = await off.newPage();
    await home.goto(`${app.url}/system`);
    await home.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect
      .poll(() => home.getByRole('link', { name: 'Working capital' }).count(), { timeout: 10_000 })
      .toBe(0);
    await off.close();
  });
});
