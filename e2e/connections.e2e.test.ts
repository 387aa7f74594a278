import type { ConnectionsResponse, OverviewResponse } from '@sentia/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, signInFirstAdmin, startProcess, tempDataDir, waitFor } from './support/app-process';
import { launchBrowser, seriousAccessibilityViolations } from './support/browser';

/**
 * Data › Connections in Chromium on the first embedded start (demo data loaded): an admin sees each
 * connection's state, switches Shopify to its sandbox, presses "Sync now" and watches the progress
 * bar advance to completion; the run is in the history, and because the sandbox replays the demo
 * data set already loaded, the overview's revenue is exactly what it was before.
 */
describe('connections page in the browser (embedded mode, sandbox Shopify)', () => {
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  let cookies: { name: string; value: string }[];
  let cookieHeader: string;
  let revenueBefore: number;

  const api = async <T>(path: string) => {
    const response = await fetch(`${app.url}${path}`, { headers: { cookie: cookieHeader } });
    return (await response.json()) as T;
  };
  const kpi = (overview: OverviewResponse, key: string) => overview.kpis.find((k) => k.key === key)?.value;

  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: dataDir });
    ({ cookies, cookieHeader } = await signInFirstAdmin(app));
    const overview = await waitFor(
      async () => {
        const body = await api<OverviewResponse>('/api/overview');
        return body.demoData && kpi(body, 'revenue') ? body : undefined;
      },
      { what: 'the demo data to load and the analytics to refresh', timeoutMs: 240_000, intervalMs: 1_000 },
    );
    revenueBefore = kpi(overview, 'revenue')!;
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows each connection, switches Shopify to the sandbox, syncs it and follows the bar to completion', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await context.addCookies(cookies.map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();

    await page.goto(`${app.url}/data/connections`);
    const shopifyCard = page.locator('[data-connection="shopify"]');
    await shopifyCard.waitFor({ timeout: 30_000 });
    for (const name of ['shopify', 'amazon']) {
      const card = page.locator(`[data-connection="${name}"]`);
      expect(await card.getAttribute('data-state')).toBe('not_configured');
      expect(await card.textContent()).toMatch(/Not connected/);
      expect(await card.textContent()).toMatch(/Never run/);
    }
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

    await shopifyCard.getByRole('link', { name: 'Shopify' }).click();
    await page.getByRole('button', { name: 'Use sandbox (demo data)' }).click();
    const card = page.locator('[data-connection="shopify"][data-state="sandbox"]');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.badge--demo').isVisible()).toBe(true);

    await card.getByRole('button', { name: 'Sync now' }).click();
    const progress = card.locator('.connections__progress');
    await progress.waitFor({ timeout: 30_000 });
    const bar = progress.getByRole('progressbar', { name: 'Shopify sync progress' });
    expect(await bar.count()).toBe(1);

    // Sample the bar as the page polls the run: it must move through values below 100 to 100.
    const seen: { status: string; value: string }[] = [];
    await waitFor(
      async () => {
        const status = (await progress.getAttribute('data-run-status')) ?? '';
        const value = (await progress.getAttribute('data-run-progress')) ?? '';
        if (seen.at(-1)?.status !== status || seen.at(-1)?.value !== value) seen.push({ status, value });
        return status === 'succeeded' || status === 'failed';
      },
      { what: 'the sandbox sync to finish', timeoutMs: 240_000, intervalMs: 200 },
    );
    expect(seen.at(-1)).toEqual({ status: 'succeeded', value: '100' });
    const partial = seen.filter((s) => s.status === 'running' && s.value !== '' && Number(s.value) < 100);
    expect(partial.length, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(await progress.getByRole('status').textContent()).toMatch(
      /^Finished · [\d,]+ read · [\d,]+ written$/,
    );
    await page.screenshot({ path: `${dataDir}/connections.png`, fullPage: true });

    // The history lists the run with its counts; the card shows it as the last run.
    const history = page.getByRole('table', { name: 'Sync history' });
    const row = history.getByRole('row').filter({ hasText: 'succeeded' });
    await row.waitFor({ timeout: 30_000 });
    expect(await history.getByRole('row').count()).toBe(2); // the header and this one run
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe('succeeded');
    expect(cells[2]).toBe('Sync now');
    expect(Number(cells[6]!.replace(/\D/g, ''))).toBeGreaterThan(100);
    expect(await card.locator('[data-last-run]').getAttribute('data-last-run')).toBe('succeeded');
    const detailViolations = await seriousAccessibilityViolations(page);
    expect(detailViolations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await context.close();
  });

  it('counted nothing twice: the sandbox replayed the demo orders in place, revenue is unchanged', async () => {
    const list = await api<ConnectionsResponse>('/api/connections');
    expect(list.connections.find((c) => c.name === 'shopify')).toMatchObject({
      state: 'sandbox',
      degraded: false,
    });
    // Wait for the analytics refresh the sync queued to have run.
    await waitFor(
      async () => {
        const queues = await api<{ queues: { queue: string; waiting: number; active: number }[] }>(
          '/api/queues/status',
        );
        const analytics = queues.queues.find((q) => q.queue === 'analytics');
        return analytics && analytics.waiting === 0 && analytics.active === 0;
      },
      { what: 'the analytics refresh', timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const overview = await api<OverviewResponse>('/api/overview');
    expect(overview.demoData).toBe(true);
    expect(kpi(overview, 'revenue')).toBe(revenueBefore);
  });
});
