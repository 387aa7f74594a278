import type { ForecastResponse } from '@sentia/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, signInFirstAdmin, startProcess, tempDataDir, waitFor } from './support/app-process';
import { launchBrowser, seriousAccessibilityViolations } from './support/browser';

/**
 * Demand forecasting in the product: the first embedded start loads the demo data, the sales refresh
 * queues the forecast runs, and the Demand page shows history, forecast and 80/95% bands, drills down
 * Global → Region → Channel → SKU, and keeps a planner's adjustment across a reload.
 */
describe('demand forecast page in the browser (embedded mode, demo data)', () => {
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  let cookies: { name: string; value: string }[];
  let cookieHeader: string;

  const api = async (path: string) => {
    const response = await fetch(`${app.url}${path}`, { headers: { cookie: cookieHeader } });
    return (await response.json()) as ForecastResponse;
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: dataDir });
    ({ cookies, cookieHeader } = await signInFirstAdmin(app));
    // Demo load → sales refresh → forecast runs (weekly and monthly) on worker threads.
    await waitFor(
      async () => {
        const [week, month] = await Promise.all([
          api('/api/forecasts?granularity=week'),
          api('/api/forecasts?granularity=month'),
        ]);
        return week.state === 'ready' && month.state === 'ready';
      },
      {
        what: 'the demo data to load and the forecast runs to finish',
        timeoutMs: 280_000,
        intervalMs: 2_000,
      },
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function openPage(path: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await context.addCookies(cookies.map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();
    await page.goto(`${app.url}${path}`);
    return { page, close: () => context.close() };
  }

  it('shows history, the forecast and its 80/95% bands with method and accuracy, as the API computed them', async () => {
    const company = await api('/api/forecasts?granularity=week');
    expect(company.demoData).toBe(true);
    expect(company.history.length).toBeGreaterThan(100);
    expect(company.forecast).toHaveLength(26);
    expect(company.run?.reconciliation).toBe('mint-wls');

    const { page, close } = await openPage('/demand');
    const total = page.getByTestId('statistical-total');
    await total.waitFor({ timeout: 30_000 });
    const expected = Math.round(company.forecast.reduce((s, p) => s + p.statistical.mean, 0));
    expect(((await total.textContent()) ?? '').replace(/\D/g, '')).toBe(String(expected));
    const legend = page.getByRole('list', { name: /series$/ });
    for (const name of ['Actual units', 'Statistical forecast', '80% interval', '95% interval']) {
      await expect(legend.getByRole('button', { name }).isVisible()).resolves.toBe(true);
    }
    expect(await page.locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('smape').textContent()).toMatch(/sMAPE \d+(\.\d)?%/);
    expect(
      await page
        .getByText(/demo data/i)
        .first()
        .isVisible(),
    ).toBe(true);
    await page.screenshot({ path: `${dataDir}/demand-global.png`, fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await close();
  });

  it('drills down Global → Region → Channel → SKU, adjusts the forecast, and keeps the adjustment after a reload', async () => {
    const { page, close } = await openPage('/demand');
    const drill = page.locator('.demand__drill');
    await drill.waitFor({ timeout: 30_000 });
    await drill.getByRole('link', { name: 'United Kingdom' }).click();
    await page.waitForURL(/region=UK/);
    await page.getByRole('heading', { name: /Drill down: channels/ }).waitFor();
    await drill.getByRole('link').first().click();
    await page.waitForURL(/channel=/);
    await page.getByRole('heading', { name: /Drill down: SKUs in this channel/ }).waitFor();
    await drill.getByRole('link').first().click();
    await page.waitForURL(/sku=/);
    await page.getByText('This is the lowest level: one SKU in one channel.').waitFor();
    const url = new URL(page.url());
    const sku = url.searchParams.get('sku')!;
    const channel = url.searchParams.get('channel')!;
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    expect(await crumbs.getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Global',
      'United Kingdom',
      expect.any(String),
    ]);
    expect(await crumbs.locator('[aria-current="page"]').textContent()).toContain(sku);

    const before = await api(`/api/forecasts?sku=${sku}&channel=${channel}&granularity=week`);
    expect(before.adjustment).toBeNull();
    await page.getByRole('button', { name: 'Add promotion' }).click();
    const uplift = page.getByLabel('Promotion 1: uplift in percent');
    await uplift.fill('50');
    // The preview is computed in the page at once: the adjusted line appears before anything is saved.
    await page
      .getByTestId('preview')
      .getByText(/Not saved yet/)
      .waitFor();
    await page
      .getByRole('list', { name: /series$/ })
      .getByRole('button', { name: 'Adjusted forecast' })
      .waitFor();
    await page.getByRole('button', { name: 'Save adjustment' }).click();
    await page
      .getByTestId('adjustment-version')
      .getByText(/Version 1 by/)
      .waitFor({ timeout: 15_000 });

    await page.reload();
    await page
      .getByTestId('adjustment-version')
      .getByText(/Version 1 by .* — 1 promotion/)
      .waitFor({ timeout: 30_000 });
    const after = await api(`/api/forecasts?sku=${sku}&channel=${channel}&granularity=week`);
    expect(after.adjustment?.version).toBe(1);
    const promoted = after.adjustment!.adjustment.promotions[0]!;
    expect(promoted.upliftPct).toBe(50);
    const point = after.forecast.find((p) => p.periodStart === promoted.periodStart)!;
    expect(point.adjusted.mean).toBeCloseTo(point.statistical.mean * 1.5, 6);
    await page.screenshot({ path: `${dataDir}/demand-sku.png`, fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await close();
  });
});
