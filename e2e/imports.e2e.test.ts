import type { ImportListResponse } from '@sentia/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, signInFirstAdmin, startProcess, tempDataDir } from './support/app-process';
import { launchBrowser, seriousAccessibilityViolations } from './support/browser';

const PRODUCTS = [
  'sku,name,unit_cost,cost_currency,pack_size,moq,lead_time_days,price_gbp,price_valid_from',
  'E2E-GIN-70,E2E London Dry Gin 70cl,9.20,GBP,6,600,10,29.00,2026-01-01',
  'E2E-GIN-50,E2E Navy Gin 50cl,11.50,GBP,0,120,10,35.00,2026-01-01',
  'E2E-RUM-70,E2E Spiced Rum 70cl,8.10,GBP,6,300,14,27.50,2026-01-01',
].join('\n');

/**
 * Data › Imports in Chromium: a products file with one bad row is refused as a whole (all or
 * nothing) with the row shown, then its valid rows are imported from the page, and the result and
 * the history show them.
 */
describe('spreadsheet import page in the browser (embedded mode)', () => {
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  let cookies: { name: string; value: string }[];

  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: dataDir, DEMO_DATA: 'false' });
    ({ cookies } = await signInFirstAdmin(app));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('uploads a file with a bad row, shows the row, imports the valid rows and shows the result', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await context.addCookies(cookies.map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();
    await page.goto(`${app.url}/data/imports?kind=products`);

    const kind = page.getByLabel('What the file contains');
    await kind.waitFor({ timeout: 30_000 });
    expect(await kind.inputValue()).toBe('products');
    expect(await page.getByRole('link', { name: 'XLSX' }).getAttribute('href')).toBe(
      '/api/imports/templates/products?format=xlsx',
    );

    await page.getByLabel('File (CSV or XLSX)').setInputFiles({
      name: 'products.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(PRODUCTS),
    });
    await page.getByRole('button', { name: 'Upload and import' }).click();

    const failed = page.locator('[data-import-status="failed"]');
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.textContent()).toMatch(/1 of 3 rows have errors: nothing was imported/);
    const errorRow = failed.getByRole('row').filter({ hasText: 'pack_size' });
    expect(await errorRow.getByRole('cell').allTextContents()).toEqual([
      '3',
      'pack_size',
      '0',
      'must be at least 1',
    ]);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

    await page.getByRole('button', { name: 'Import the 2 valid rows' }).click();
    const succeeded = page.locator('[data-import-status="succeeded"]');
    await succeeded.waitFor({ timeout: 60_000 });
    expect(await succeeded.textContent()).toMatch(/2 rows imported; 1 row with errors was left out\./);
    const facts = await succeeded.locator('dl > div').allTextContents();
    expect(facts).toEqual(['Rows in the file3', 'Rows imported2', 'Rows with errors1', 'Products written2']);

    const history = page.getByRole('table', { name: 'Recent imports' });
    const newest = history.getByRole('row').filter({ hasText: 'left out' });
    await newest.waitFor({ timeout: 30_000 });
    expect((await newest.getByRole('cell').allTextContents()).slice(1)).toEqual([
      'Products',
      'products.csv',
      'left out',
      'Imported',
      '2',
      '1',
      'Administrator',
    ]);
    const first = history.getByRole('row').filter({ hasText: 'import nothing' });
    expect((await first.getByRole('cell').allTextContents()).slice(2, 7)).toEqual([
      'products.csv',
      'import nothing',
      'Failed',
      '0',
      '1',
    ]);
    await page.screenshot({ path: `${dataDir}/imports.png`, fullPage: true });

    const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const list = (await (
      await fetch(`${app.url}/api/imports`, { headers: { cookie: cookieHeader } })
    ).json()) as ImportListResponse;
    expect(list.imports.map((i) => [i.status, i.mode, i.rowsImported])).toEqual([
      ['succeeded', 'valid-rows', 2],
      ['failed', 'all-or-nothing', 0],
    ]);
    await context.close();
  });
});
