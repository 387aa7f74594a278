import type { LevelsResponse, PoliciesResponse, ProposalsResponse } from '@sentia/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startProcess, tempDataDir, waitFor } from './support/app-process';
import { launchBrowser, seriousAccessibilityViolations } from './support/browser';

type Cookie = { name: string; value: string };
const PASSWORD = 'e2e inventory password 42';
const BOUGHT_SKU = 'RUM-SPICED-70';

/**
 * Inventory optimisation on the demo data, in Chromium: a planner tries a higher service level, sees
 * what the safety stock would cost before saving it, and saves it; purchases are proposed when stock
 * falls below the reorder point (here after a stock count imported through the CSV import); a viewer
 * sees the proposal but no Approve button and the API refuses them (403); the planner (and a manager)
 * are offered Approve, and the planner approves it on the page (a routine proposal, within the manager
 * tier planners act on) and the decision is in the audit log. An admin changes the approval limits on the
 * Purchasing page; the planner raises the holding rate in the policy settings and the holding cost and EOQ
 * follow, while a viewer only reads the settings. axe finds no serious violation on the three pages. With
 * the feature switched off the pages leave the navigation and the API answers 404.
 */
describe('inventory, purchasing and production in the browser (embedded mode, demo data)', () => {
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  const cookies: Record<string, Cookie[]> = {};
  const tokens: Record<string, string> = {};

  const signIn = async (email: string, password: string, role: string) => {
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status, `${role} signs in`).toBe(200);
    cookies[role] = login.headers.getSetCookie().map((c) => {
      const [pair] = c.split(';');
      const index = pair!.indexOf('=');
      return { name: pair!.slice(0, index), value: pair!.slice(index + 1) };
    });
    const token = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, mode: 'token' }),
    });
    tokens[role] = ((await token.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
  };
  const call = (role: string, path: string, init: RequestInit = {}) =>
    fetch(`${app.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${tokens[role]}`, ...(init.headers ?? {}) },
    });
  const api = async <T>(role: string, path: string): Promise<T> => {
    const response = await call(role, path);
    expect(response.status, `${path}: ${response.status}`).toBe(200);
    return (await response.json()) as T;
  };

  async function open(
    role: string,
    path: string,
    width = 1280,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    await context.addCookies(cookies[role]!.map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();
    await page.goto(`${app.url}${path}`);
    await page.locator('.plan-page .kpi-grid').waitFor({ timeout: 90_000 });
    return { context, page };
  }

  async function expectAccessible(page: Page, what: string): Promise<void> {
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => `${what} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }

  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: dataDir });
    const password = /admin@sentia\.local \/ (\S+)/.exec(app.output())?.[1];
    expect(password, 'the first start prints the generated admin password').toBeTruthy();
    await signIn('admin@sentia.local', password!, 'admin');
    for (const role of ['planner', 'viewer', 'manager']) {
      const created = await call('admin', '/api/admin/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${role}@e2e.test`, name: `E2E ${role}`, role, password: PASSWORD }),
      });
      expect(created.status, `create the ${role}`).toBe(201);
      await signIn(`${role}@e2e.test`, PASSWORD, role);
    }
    // The demo load, the daily-sales refresh (a month at a time) and the jobs they start must be done, or
    // the plan is computed again from data still arriving between what the API and the page show.
    await waitFor(
      async () => {
        const queues = await api<{ queues: { waiting: number; active: number; delayed: number }[] }>(
          'admin',
          '/api/queues/status',
        );
        if (queues.queues.some((q) => q.waiting + q.active + q.delayed > 0)) return undefined;
        const levels = await call('admin', '/api/inventory/levels?limit=500');
        if (levels.status !== 200) return undefined;
        const body = (await levels.json()) as LevelsResponse;
        const policies = await api<PoliciesResponse>('admin', '/api/inventory/policies');
        return body.demoData && body.page.total === 54 && policies.items.every((p) => p.demandMeanPerWeek > 0)
          ? body
          : undefined;
      },
      { what: 'the demo data to load and the plan to be computed', timeoutMs: 420_000, intervalMs: 3_000 },
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the plan’s figures on the Inventory page, badged as demo data, with no serious violation', async () => {
    const policies = await api<PoliciesResponse>('planner', '/api/inventory/policies?limit=500');
    const { context, page } = await open('planner', '/inventory');
    const pounds = new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: 'GBP',
      maximumFractionDigits: 0,
    });
    expect(await page.locator('[data-figure="safety-stock-value"]').textContent()).toBe(
      pounds.format(policies.totals.saved.safetyStockValueGbpMinor / 100),
    );
    for (const [cell, count] of Object.entries(policies.matrix).flatMap(([a, row]) =>
      Object.entries(row).map(([x, n]) => [`${a}${x}`, n] as const),
    )) {
      expect(await page.locator(`[data-cell="${cell}"]`).textContent(), cell).toBe(String(count));
    }
    expect(
      await page
        .getByText(/demo data/i)
        .first()
        .isVisible(),
    ).toBe(true);
    await page.screenshot({ path: `${dataDir}/inventory-1280.png`, fullPage: true });
    await expectAccessible(page, 'inventory');
    await context.close();
  });

  it('lets a planner see what a higher service level costs, then save it', async () => {
    const { context, page } = await open('planner', '/inventory');
    const preview = page.locator('[data-figure="preview-value"]');
    const before = await preview.textContent();
    await page.getByLabel('Class A (%)').fill('99.9');
    // The safety stock at the typed level appears without saving anything.
    await expect.poll(() => preview.textContent(), { timeout: 15_000 }).not.toBe(before);
    const saved = await api<PoliciesResponse>('planner', '/api/inventory/policies');
    expect(saved.savedServiceLevels.A).toBe(0.99);
    const previewed = await api<PoliciesResponse>('planner', '/api/inventory/policies?serviceA=0.999');
    const pounds = new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: 'GBP',
      maximumFractionDigits: 0,
    });
    expect(await preview.textContent()).toBe(
      pounds.format(previewed.totals.applied.safetyStockValueGbpMinor / 100),
    );
    expect(previewed.totals.applied.safetyStockValueGbpMinor).toBeGreaterThan(
      saved.totals.saved.safetyStockValueGbpMinor,
    );

    await page.getByRole('button', { name: 'Save service levels' }).click();
    await page.getByText('Saved: A 99.9%').waitFor({ timeout: 30_000 });
    const after = await api<PoliciesResponse>('planner', '/api/inventory/policies');
    expect(after.savedServiceLevels.A).toBe(0.999);
    await expect
      .poll(() => page.locator('[data-figure="safety-stock-value"]').textContent(), { timeout: 15_000 })
      .toBe(pounds.format(after.totals.saved.safetyStockValueGbpMinor / 100));
    const audit = await api<{ entries: { action: string; targetId: string | null }[] }>(
      'admin',
      '/api/admin/audit?action=settings.changed',
    );
    expect(audit.entries.some((e) => e.targetId === 'inventory.settings')).toBe(true);
    await context.close();
  });

  it('proposes a purchase once stock falls below the reorder point; a viewer cannot approve it', async () => {
    // A stock count brings the bought SKU 20 units below its reorder point, through the CSV import.
    const network = (await api<PoliciesResponse>('admin', `/api/inventory/policies?sku=${BOUGHT_SKU}`))
      .items[0]!;
    const levels = await api<LevelsResponse>('admin', `/api/inventory/levels?sku=${BOUGHT_SKU}&limit=50`);
    const biggest = [...levels.items].sort((a, b) => b.onHand - a.onHand)[0]!;
    let cut = Math.ceil(network.position - (network.reorderPoint - 20));
    const onHand = Math.max(biggest.allocated, biggest.onHand - cut);
    cut -= biggest.onHand - onHand;
    const inbound = Math.max(0, biggest.inbound - Math.max(0, cut));
    const csv = `sku,location,as_of,on_hand,allocated,inbound\n${BOUGHT_SKU},${biggest.locationCode},${biggest.stockAsOf},${onHand},${biggest.allocated},${inbound}\n`;
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'stock-count.csv');
    const upload = await call('admin', '/api/imports/stock-levels', { method: 'POST', body: form });
    expect(upload.status, await upload.clone().text()).toBe(202);

    const proposal = await waitFor(
      async () => {
        const body = await api<ProposalsResponse>('viewer', '/api/purchase-proposals?status=proposed');
        return body.items.find((p) => p.sku === BOUGHT_SKU);
      },
      { what: 'the plan to propose the purchase', timeoutMs: 60_000, intervalMs: 1_000 },
    );
    expect(proposal.reasons[0]?.code).toBe('below-reorder-point');
    expect(proposal.quantity % proposal.packSize).toBe(0);
    expect(proposal.quantity).toBeGreaterThanOrEqual(proposal.moq);
    expect(proposal.requiredRole).toBe('manager');

    expect(proposal.amountGbpMinor).not.toBeNull();
    expect(proposal.amountGbpMinor!).toBeLessThanOrEqual(5_000_000);

    const refused = await call('viewer', `/api/purchase-proposals/${proposal.id}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');

    const { context, page } = await open('viewer', '/purchasing');
    const row = page.locator('tr', { hasText: BOUGHT_SKU });
    await row.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: /^Approve \d/ }).count(), 'viewer: no Approve').toBe(0);
    expect(await row.getByText(/Awaiting Manager \(manager or planner role\)/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save approval limits' }).count()).toBe(0);
    await page.screenshot({ path: `${dataDir}/purchasing-viewer.png`, fullPage: true });
    await expectAccessible(page, 'purchasing');
    await context.close();

    // A manager is offered Approve for it too (the same tier); they leave it to the planner.
    const manager = await open('manager', '/purchasing');
    await manager.page
      .getByRole('button', { name: `Approve ${proposal.quantity} × ${BOUGHT_SKU}` })
      .waitFor({ timeout: 30_000 });
    await manager.context.close();
  });

  it('lets the planner approve it on the page (within the manager tier), and records the decision', async () => {
    const { items } = await api<ProposalsResponse>('planner', '/api/purchase-proposals?status=proposed');
    const proposal = items.find((p) => p.sku === BOUGHT_SKU)!;
    const { context, page } = await open('planner', '/purchasing');
    expect(await page.locator('[data-figure="my-approval-limit"]').textContent()).toBe(
      'You approve up to £50,000 (manager tier); larger proposals wait for a higher tier.',
    );
    expect(await page.getByRole('button', { name: 'Save approval limits' }).count()).toBe(0);
    await page.getByRole('button', { name: `Approve ${proposal.quantity} × ${BOUGHT_SKU}` }).click();
    await expect
      .poll(
        async () =>
          (await api<ProposalsResponse>('planner', '/api/purchase-proposals?status=approved')).items.map(
            (p) => p.id,
          ),
        {
          timeout: 15_000,
        },
      )
      .toContain(proposal.id);
    await page.getByRole('button', { name: 'Approved' }).click();
    const approvedRow = page.locator('tr', { hasText: BOUGHT_SKU });
    await approvedRow.locator('[data-status="approved"]').waitFor({ timeout: 15_000 });
    expect(await approvedRow.getByText('by E2E planner').count()).toBe(1);
    await page.screenshot({ path: `${dataDir}/purchasing-approved.png`, fullPage: true });
    const audit = await api<{ entries: { action: string; targetId: string | null }[] }>(
      'admin',
      '/api/admin/audit?action=purchase-proposals.approved',
    );
    expect(audit.entries.map((e) => e.targetId)).toContain(String(proposal.id));
    await context.close();
  });

  it('lets an admin change the approval limits on the Purchasing page', async () => {
    const limitsUrl = '/api/purchase-proposals/approval-limits';
    type Limits = { limits: { managerLimitGbpMinor: number; directorLimitGbpMinor: number } };
    const { context, page } = await open('admin', '/purchasing');
    const managerLimit = page.getByLabel('Manager tier up to (£)');
    expect(await managerLimit.inputValue()).toBe('50000');
    expect(await page.getByLabel('Director tier up to (£)').inputValue()).toBe('200000');
    // The director's limit may not be below the manager's: said beside the field, nothing sent.
    await managerLimit.fill('250000');
    await page.getByRole('button', { name: 'Save approval limits' }).click();
    await page.getByText('Must be at least the manager limit').waitFor({ timeout: 5_000 });
    expect((await api<Limits>('admin', limitsUrl)).limits.managerLimitGbpMinor).toBe(5_000_000);

    await managerLimit.fill('40,000');
    await page.getByRole('button', { name: 'Save approval limits' }).click();
    await page.getByText(/^Saved: manager tier up to £40,000, director up to £200,000\./).waitFor({
      timeout: 15_000,
    });
    expect((await api<Limits>('admin', limitsUrl)).limits).toEqual({
      managerLimitGbpMinor: 4_000_000,
      directorLimitGbpMinor: 20_000_000,
    });
    await expect
      .poll(() => page.locator('[data-tier="manager"]').textContent(), { timeout: 15_000 })
      .toBe('Manager (manager or planner role): up to £40,000');
    await page.screenshot({ path: `${dataDir}/purchasing-admin-limits.png`, fullPage: true });
    await expectAccessible(page, 'purchasing (admin)');
    await context.close();
    const audit = await api<{ entries: { action: string; targetId: string | null }[] }>(
      'admin',
      '/api/admin/audit?action=settings.changed',
    );
    expect(audit.entries.some((e) => e.targetId === 'purchasing.approvalLimits')).toBe(true);
    const restored = await call('admin', limitsUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ managerLimitGbpMinor: 5_000_000, directorLimitGbpMinor: 20_000_000 }),
    });
    expect(restored.status).toBe(200);
  });

  it('lets a planner change the holding rate in the policy settings; a viewer reads them', async () => {
    const before = await api<PoliciesResponse>('planner', `/api/inventory/policies?sku=${BOUGHT_SKU}`);
    const { context, page } = await open('planner', '/inventory');
    const holding = page.getByLabel('Holding rate (% a year)');
    expect(await holding.inputValue()).toBe('25');
    await holding.fill('250');
    await page.getByRole('button', { name: 'Save policy settings' }).click();
    await page.getByText('Between 0% and 200%').waitFor({ timeout: 5_000 });
    await holding.fill('40');
    await page.getByRole('button', { name: 'Save policy settings' }).click();
    await page.getByText(/^Saved: holding rate 40%/).waitFor({ timeout: 30_000 });
    const after = await api<PoliciesResponse>('planner', `/api/inventory/policies?sku=${BOUGHT_SKU}`);
    // Holding costs more: the safety stock's holding cost rises and the EOQ falls (Q* = √(2DK/h)).
    expect(after.totals.saved.holdingCostGbpMinor).toBeGreaterThan(before.totals.saved.holdingCostGbpMinor);
    expect(after.items[0]!.economicOrderQuantity!).toBeLessThan(before.items[0]!.economicOrderQuantity!);
    const all = await api<PoliciesResponse>('planner', '/api/inventory/policies');
    const pounds = new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: 'GBP',
      maximumFractionDigits: 0,
    });
    await expect
      .poll(() => page.locator('[data-figure="holding-cost"]').textContent(), { timeout: 15_000 })
      .toBe(pounds.format(all.totals.saved.holdingCostGbpMinor / 100));
    await context.close();

    const viewer = await open('viewer', '/inventory');
    await viewer.page.getByText('40% of unit cost a year').waitFor({ timeout: 15_000 });
    expect(await viewer.page.getByRole('button', { name: 'Save policy settings' }).count()).toBe(0);
    await viewer.context.close();
    const restored = await call('planner', '/api/inventory/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holdingRate: 0.25 }),
    });
    expect(restored.status).toBe(200);
  });

  it('shows the production schedule within capacity, with no serious violation', async () => {
    const schedule = await api<{
      lines: { weeks: { capacity: number; committed: number; planned: number }[] }[];
    }>('planner', '/api/production/schedule');
    for (const line of schedule.lines) {
      for (const week of line.weeks)
        expect(week.planned).toBeLessThanOrEqual(Math.max(0, week.capacity - week.committed) + 1e-6);
    }
    const { context, page } = await open('planner', '/production');
    expect(await page.locator('.plan-gantt__row').count()).toBe(schedule.lines.length);
    await page.screenshot({ path: `${dataDir}/production-1280.png`, fullPage: true });
    await expectAccessible(page, 'production');
    await context.close();
    const narrow = await open('planner', '/inventory', 800);
    await narrow.page.screenshot({ path: `${dataDir}/inventory-800.png`, fullPage: true });
    await expectAccessible(narrow.page, 'inventory at 800 px');
    await narrow.context.close();
  });

  it('leaves the navigation and answers 404 while the feature is switched off', async () => {
    const switched = await call('admin', '/api/admin/feature-flags/optimization', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(switched.status, await switched.clone().text()).toBe(200);
    for (const path of ['/api/inventory/levels', '/api/purchase-proposals', '/api/production/schedule']) {
      const response = await call('planner', path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { type: string }).type).toBe('/problems/feature-disabled');
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await context.addCookies(cookies.planner!.map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();
    await page.goto(`${app.url}/system`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect
      .poll(() => page.getByRole('link', { name: 'Overview' }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    for (const name of ['Inventory', 'Purchasing', 'Production']) {
      await expect.poll(() => page.getByRole('link', { name }).count(), { timeout: 10_000 }).toBe(0);
    }
    await context.close();
    await call('admin', '/api/admin/feature-flags/optimization', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: null }),
    });
  });
});
