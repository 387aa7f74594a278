import type { OverviewResponse } from '@sentia/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, signInFirstAdmin, startProcess, tempDataDir, waitFor } from './support/app-process';
import { launchBrowser, seriousAccessibilityViolations } from './support/browser';

/**
 * The first-run experience: `npm start` on an empty data folder loads the labelled demo data and the
 * overview shows figures computed from the database, in Chromium.
 */
describe('executive overview in the browser (embedded mode, demo data)', () => {
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  let cookies: { name: string; value: string }[];
  let overview: OverviewResponse;

  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: dataDir });
    const signedIn = await signInFirstAdmin(app);
    cookies = signedIn.cookies;
    const { cookieHeader } = signedIn;
    overview = await waitFor(
      async () => {
        const response = await fetch(`${app.url}/api/overview`, { headers: { cookie: cookieHeader } });
        const body = (await response.json()) as OverviewResponse;
        const revenue = body.kpis.find((k) => k.key === 'revenue');
        return body.demoData && revenue?.value ? body : undefined;
      },
      { what: 'the demo data to load and the analytics to refresh', timeoutMs: 180_000, intervalMs: 1_000 },
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the KPI tiles with the figures the API computed from the database, badged as demo data', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await context.addCookies(cookies.map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();
    await page.goto(app.url);
    const revenue = page.locator('[data-kpi="revenue"][data-kpi-state="value"]');
    await revenue.waitFor({ timeout: 30_000 });
    const expected = new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: 'GBP',
      maximumFractionDigits: 0,
    })
      .format(overview.kpis.find((k) => k.key === 'revenue')!.value! / 100)
      .replace(/\D/g, '')
      .slice(0, 3);
    const shown = ((await revenue.textContent()) ?? '').replace(/\D/g, '');
    expect(shown.startsWith(expected), `revenue tile "${await revenue.textContent()}"`).toBe(true);
    for (const key of ['units', 'grossMargin', 'stockValue', 'receivables', 'payables']) {
      const text = await page.locator(`[data-kpi="${key}"]`).textContent();
      expect(text, key).toMatch(/\d/);
    }
    expect(
      await page
        .getByText(/demo data/i)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await page.locator('canvas').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${dataDir}/overview.png`, fullPage: true });

    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await context.close();
  });

  it('keeps its data and does not load the demo twice after a restart', async () => {
    const { code, ms } = await app.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: dataDir });
    expect(app.output()).not.toContain('Sign in   : admin@sentia.local /');
    const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(`${app.url}/api/overview`, { headers: { cookie: cookieHeader } });
    const body = (await response.json()) as OverviewResponse;
    expect(body.kpis.find((k) => k.key === 'revenue')?.value).toBe(
      overview.kpis.find((k) => k.key === 'revenue')?.value,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(app.output()).not.toContain('loading the demo data set');
  });
});
