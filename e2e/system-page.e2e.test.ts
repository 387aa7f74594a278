import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startProcess, tempDataDir } from './support/app-process';
import { launchBrowser, seriousAccessibilityViolations } from './support/browser';

/**
 * The System page in Chromium on an embedded start: alerts, queues, connectors, feature flags and
 * maintenance render; a flag switched elsewhere (here through the API) updates the open page through
 * the live-update stream, without a reload; an admin switches a flag from the page.
 */
describe('System page in the browser (embedded mode)', () => {
  let app: RunningApp;
  let browser: Browser;
  let cookies: { name: string; value: string }[];
  let token: string;

  beforeAll(async () => {
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: tempDataDir(), DEMO_DATA: 'false' });
    const password = /admin@sentia\.local \/ (\S+)/.exec(app.output())?.[1];
    expect(password, 'the first start prints the generated admin password').toBeTruthy();
    const signIn = (mode?: 'token') =>
      fetch(`${app.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@sentia.local', password, ...(mode ? { mode } : {}) }),
      });
    const browserLogin = await signIn();
    cookies = browserLogin.headers.getSetCookie().map((c) => {
      const [pair] = c.split(';');
      const index = pair!.indexOf('=');
      return { name: pair!.slice(0, index), value: pair!.slice(index + 1) };
    });
    token = ((await (await signIn('token')).json()) as { tokens: { accessToken: string } }).tokens
      .accessToken;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const setFlag = (key: string, enabled: boolean | null) =>
    fetch(`${app.url}/api/admin/feature-flags/${key}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled }),
    });

  it('shows alerts, queues, connectors, flags and maintenance, and follows live updates without a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
    await context.addCookies(cookies.map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();
    await page.goto(`${app.url}/system`);
    await page.getByRole('heading', { name: 'Alerts' }).waitFor({ timeout: 30_000 });
    await page.getByText('No alert is firing.').waitFor();
    await page.getByText('Job queues (in-process)').waitFor();
    await page.getByText('Connectors’ last syncs').waitFor();
    await page.getByRole('heading', { name: 'Maintenance mode' }).waitFor();
    const forecasting = page.locator('.system__flags li', { hasText: 'Demand forecasting' });
    await forecasting.getByText(/: on/).waitFor();

    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

    // Switched elsewhere: the open page hears flags.changed and shows it, with no reload.
    // A marker on the page's global object survives only if the page is not reloaded.
    await page.evaluate(() => {
      (globalThis as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });
    expect((await setFlag('forecasting', false)).status).toBe(200);
    await forecasting.getByText(/: off/).waitFor({ timeout: 10_000 });
    await forecasting.getByText('switched off by an administrator').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(
      true,
    );

    // And from the page itself.
    await forecasting.getByRole('button', { name: 'Use the default' }).click();
    await forecasting.getByText('default (on from the environment)').waitFor({ timeout: 10_000 });
    const features = await fetch(`${app.url}/api/features`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await features.json()) as { features: { forecasting: boolean } }).features.forecasting).toBe(
      true,
    );
    await context.close();
  });
});
