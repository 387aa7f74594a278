import type { OverviewResponse } from '@sentia/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startProcess, tempDataDir, waitFor } from './support/app-process';
import { launchBrowser, seriousAccessibilityViolations } from './support/browser';

const ADMIN_EMAIL = 'admin@sentia.local';
const VIEWER = { name: 'Vera Viewer', email: 'vera.viewer@example.test', password: 'viewer-password-e2e-1' };

/**
 * Sign-in as people do it, in Chromium, against the built app on a fresh data folder: the sign-in
 * page, the session cookies and their renewal, the profile's sessions, the admin pages, sign-out,
 * and navigation that shows each role only what it may use.
 */
describe('sign-in, sessions and role-aware navigation in the browser (embedded mode)', () => {
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  let adminPassword: string;
  let apiToken: string;
  let admin: BrowserContext;
  let page: Page;

  const expectNoSeriousViolations = async (where: string, target: Page = page) => {
    const violations = await seriousAccessibilityViolations(target);
    expect(
      violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      where,
    ).toEqual([]);
  };

  async function signInThroughForm(target: Page, email: string, password: string) {
    await target.getByLabel('Email address').fill(email);
    await target.getByLabel('Password', { exact: true }).fill(password);
    await target.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startProcess('apps/server/dist/main.js', { DATA_DIR: dataDir });
    adminPassword = /admin@sentia\.local \/ (\S+)/.exec(app.output())?.[1] ?? '';
    expect(adminPassword, 'the first start prints the generated admin password').toBeTruthy();
    // An API client's session (token mode), used to wait for the demo data; the profile lists it too.
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'sentia-e2e-api-client/1.0' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: adminPassword, mode: 'token' }),
    });
    expect(login.status).toBe(200);
    apiToken = ((await login.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
    await waitFor(
      async () => {
        const response = await fetch(`${app.url}/api/overview`, {
          headers: { authorization: `Bearer ${apiToken}` },
        });
        const body = (await response.json()) as OverviewResponse;
        return body.kpis.find((k) => k.key === 'revenue')?.value ? body : undefined;
      },
      { what: 'the demo data to load and the analytics to refresh', timeoutMs: 180_000, intervalMs: 1_000 },
    );
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await admin.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sends a visitor to the sign-in page, refuses a wrong password, and signs in to the overview', async () => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/sign-in$/, { timeout: 30_000 });
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await expectNoSeriousViolations('sign-in page');

    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter your email address.');
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');

    await signInThroughForm(page, ADMIN_EMAIL, 'not the password');
    await page.getByRole('alert').getByText('The email or password is incorrect').waitFor();
    await expectNoSeriousViolations('sign-in page with an error');

    await signInThroughForm(page, ADMIN_EMAIL, adminPassword);
    await page.waitForURL(`${app.url}/`);
    const revenue = page.locator('[data-kpi="revenue"][data-kpi-state="value"]');
    await revenue.waitFor({ timeout: 30_000 });
    expect(await revenue.textContent()).toMatch(/\d/);
    const account = page.getByRole('region', { name: 'Signed in', exact: true });
    expect(await account.textContent()).toContain('Administrator');
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count(),
    ).toBe(1);

    const cookies = await admin.cookies();
    expect(cookies.find((c) => c.name === 'sentia_access')).toMatchObject({ httpOnly: true, path: '/api' });
    expect(cookies.find((c) => c.name === 'sentia_csrf')?.httpOnly).toBe(false);
  });

  it('comes back to the page that was asked for, only on this site', async () => {
    const other = await browser.newContext({ viewport: { width: 800, height: 1000 }, locale: 'en-GB' });
    const tablet = await other.newPage();
    await tablet.goto(`${app.url}/system`);
    await tablet.waitForURL(/\/sign-in\?next=%2Fsystem$/);
    await tablet.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await expectNoSeriousViolations('sign-in page on a tablet', tablet);
    await signInThroughForm(tablet, ADMIN_EMAIL, adminPassword);
    await tablet.waitForURL(`${app.url}/system`);
    await tablet.getByRole('heading', { name: 'System', level: 1 }).waitFor();

    await tablet.goto(`${app.url}/sign-in?next=${encodeURIComponent('//evil.example/x')}`);
    await signInThroughForm(tablet, ADMIN_EMAIL, adminPassword);
    await tablet.waitForURL(`${app.url}/`);
    await other.close();
  });

  it('renews an expired access cookie from the refresh cookie without asking to sign in again', async () => {
    const csrfBefore = (await admin.cookies()).find((c) => c.name === 'sentia_csrf')?.value;
    // What the browser does when the 15-minute access cookie runs out.
    await admin.clearCookies({ name: 'sentia_access' });
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL(`${app.url}/profile`);
    await page.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    await page.getByText('This device').waitFor();
    expect(page.url()).toBe(`${app.url}/profile`);
    const after = await admin.cookies();
    expect(after.find((c) => c.name === 'sentia_access')).toBeDefined();
    expect(after.find((c) => c.name === 'sentia_csrf')?.value).not.toBe(csrfBefore);
  });

  it('lists this session and the API client’s on the profile, and ends the other one', async () => {
    await expectNoSeriousViolations('profile page');
    const rows = page.getByRole('table').getByRole('row');
    await waitFor(async () => (await rows.count()) >= 3, { what: 'two sessions and the header row' });
    const thisDevice = rows.filter({ hasText: 'This device' });
    expect(await thisDevice.count()).toBe(1);
    expect(await thisDevice.textContent()).toMatch(/Chrome/);
    const apiClient = rows.filter({ hasText: 'sentia-e2e-api-client/1.0' });
    expect(await apiClient.count()).toBe(1);

    // Signing out another device is a cookie-authenticated write: it only works with the CSRF header.
    await apiClient.getByRole('button').click();
    await page.getByRole('status').filter({ hasText: 'Signed out sentia-e2e-api-client/1.0.' }).waitFor();
    await waitFor(async () => (await rows.filter({ hasText: 'sentia-e2e-api-client' }).count()) === 0, {
      what: 'the API client’s session to leave the list',
    });
    const me = await fetch(`${app.url}/api/auth/me`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(me.status).toBe(401);
  });

  it('opens the admin pages, and creates a viewer through the users page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL(`${app.url}/admin/users`);
    await page.getByRole('cell', { name: new RegExp(ADMIN_EMAIL) }).waitFor();
    await page.getByRole('cell', { name: 'viewer', exact: true }).waitFor();
    await expectNoSeriousViolations('users and roles page');

    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByLabel('Name', { exact: true }).fill(VIEWER.name);
    await page.getByLabel('Email address').fill(VIEWER.email);
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByLabel('First password').fill(VIEWER.password);
    await expectNoSeriousViolations('users page with the new-user form');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${VIEWER.name} (${VIEWER.email}) was added` })
      .waitFor();
    await page.getByRole('cell', { name: new RegExp(VIEWER.email) }).waitFor();

    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.waitForURL(`${app.url}/admin/audit`);
    await page
      .getByRole('cell', { name: /users\.created/ })
      .first()
      .waitFor();
    expect(await page.getByRole('cell', { name: /auth\.login\.failed/ }).count()).toBeGreaterThan(0);
    await expectNoSeriousViolations('audit log page');

    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Maintenance' })
      .click();
    await page.getByRole('heading', { name: 'Maintenance mode is off' }).waitFor();
    await expectNoSeriousViolations('maintenance page');
  });

  it('signs out, and the overview then asks for sign-in again', async () => {
    await page
      .getByRole('region', { name: 'Signed in', exact: true })
      .getByRole('button', { name: 'Sign out' })
      .click();
    await page.waitForURL(`${app.url}/sign-in`);
    await page.getByText('You have signed out.').waitFor();
    expect(
      (await admin.cookies()).some((c) => c.name === 'sentia_access' || c.name === 'sentia_refresh'),
    ).toBe(false);
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await admin.close();
  });

  it('shows a viewer no Admin entries and refuses them the admin pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const viewer = await context.newPage();
    await viewer.goto(`${app.url}/`);
    await viewer.waitForURL(/\/sign-in$/);
    await signInThroughForm(viewer, VIEWER.email, VIEWER.password);
    await viewer.waitForURL(`${app.url}/`);
    await viewer.locator('[data-kpi="revenue"][data-kpi-state="value"]').waitFor({ timeout: 30_000 });
    const nav = viewer.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Overview' }).waitFor();
    expect(await nav.getByRole('link', { name: 'System' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    expect(await viewer.getByRole('region', { name: 'Signed in', exact: true }).textContent()).toContain(
      VIEWER.name,
    );

    await viewer.goto(`${app.url}/admin/users`);
    await viewer.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await viewer.getByRole('alert').textContent()).toContain('admin:users');
    expect(await viewer.getByRole('table').count()).toBe(0);
    const status = await viewer.evaluate(async () => (await fetch('/api/admin/users')).status);
    expect(status).toBe(403);
    await context.close();
  });
});
