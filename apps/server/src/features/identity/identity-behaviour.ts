import { generateKeyPairSync } from 'node:crypto';
import { schema } from '@sentia/db';
import { isAllowed, type Permission } from '@sentia/domain';
import { desc, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context';
import { buildHttpApp } from '../../http-app';
import { signInAs, TEST_PASSWORD } from '../../test-support/auth';
import { SYSTEM_ACTOR } from '../audit/record-audit';
import { createUser } from '../users/manage-users';
import { LOCKOUT_AFTER_FAILURES } from './sign-in';
import { issueAccessToken } from './tokens';

type App = Awaited<ReturnType<typeof buildHttpApp>>;

export interface IdentityHarness {
  /** A fresh context over the suite's database (and Redis, in the integration suite). */
  context(env?: Record<string, string>): Promise<{ ctx: AppContext; close(): Promise<void> }>;
  /** True when contexts share rate-limit counters (Redis), as replicas do in server mode. */
  sharedRateLimits: boolean;
  /** Every log line the contexts wrote, at debug level. */
  logLines: string[];
}

const ROLES = ['admin', 'developer', 'viewer', 'manager', 'planner', 'finance'] as const;

/** Sign-in, sessions, roles, CSRF, allowlist, maintenance and audit — run on PGlite and on PostgreSQL + Redis. */
export function describeIdentityBehaviour(harness: IdentityHarness): void {
  let ctx: AppContext;
  let app: App;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ ctx, close } = await harness.context());
    app = await buildHttpApp(ctx, { serveWeb: false });
  });
  afterAll(async () => {
    await app?.close();
    await close?.();
  });

  const login = (email: string, password: string, mode: 'cookie' | 'token' = 'token', ip = '198.51.100.7') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password, mode },
      remoteAddress: ip,
    });

  async function newUser(role: string) {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const user = await createUser(ctx.db, SYSTEM_ACTOR, { email, name: role, role, password: TEST_PASSWORD });
    return { ...user, email };
  }

  async function lastAudit(action: string) {
    const [entry] = await ctx.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, action))
      .orderBy(desc(schema.auditLog.id))
      .limit(1);
    return entry;
  }

  describe('sign-in', () => {
    it('signs in with the right password, and the token opens /api/auth/me', async () => {
      const user = await newUser('planner');
      const response = await login(user.email.toUpperCase(), TEST_PASSWORD);
      expect(response.statusCode).toBe(200);
      const { tokens } = response.json();
      const me = await app.inject({
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
      expect(me.json()).toMatchObject({ email: user.email, role: 'planner', via: 'bearer' });
      expect(await lastAudit('auth.login.succeeded')).toMatchObject({
        actorUserId: user.id,
        ip: '198.51.100.7',
      });
    });

    it('refuses a wrong password or an unknown account with the same message, and audits both', async () => {
      const user = await newUser('viewer');
      const wrong = await login(user.email, 'not the password');
      const unknown = await login('nobody@example.test', 'whatever-password');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().detail).toBe(unknown.json().detail);
      expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await lastAudit('auth.login.failed')).toBeDefined();
    });

    it(`locks the account after ${LOCKOUT_AFTER_FAILURES} failures with a clear message, even for the right password`, async () => {
      const user = await newUser('finance');
      const statuses: number[] = [];
      for (let i = 0; i < LOCKOUT_AFTER_FAILURES; i += 1)
        statuses.push((await login(user.email, `wrong-${i}`)).statusCode);
      expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(423);
      const locked = await login(user.email, TEST_PASSWORD);
      expect(locked.statusCode).toBe(423);
      expect(locked.json().detail).toMatch(/locked after 5 failed sign-ins/);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(await lastAudit('auth.login.locked')).toMatchObject({ targetId: user.id });
    });

    it('limits attempts per account across replicas with 429 and Retry-After', async () => {
      if (!harness.sharedRateLimits) return;
      const other = await harness.context();
      const otherApp = await buildHttpApp(other.ctx, { serveWeb: false });
      try {
        const target = 'rate-limited@example.test';
        const attempt = (server: App, i: number) =>
          server.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: target, password: 'nope' },
            remoteAddress: `203.0.113.${i}`,
          });
        const statuses: number[] = [];
        for (let i = 0; i < 10; i += 1)
          statuses.push((await attempt(i % 2 === 0 ? app : otherApp, i)).statusCode);
        expect(statuses.every((s) => s === 401)).toBe(true);
        const limited = await attempt(otherApp, 99);
        expect(limited.statusCode).toBe(429);
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await otherApp.close();
        await other.close();
      }
    });

    it('refuses bad input with the field at fault', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'x@y.z' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('body.password');
    });
  });

  describe('tokens and sessions', () => {
    it('rotates refresh tokens, and a reused one ends the whole session family', async () => {
      const user = await newUser('viewer');
      const first = (await login(user.email, TEST_PASSWORD)).json().tokens;
      const refreshed = await app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        payload: { refreshToken: first.refreshToken },
      });
      expect(refreshed.statusCode).toBe(200);
      const second = refreshed.json().tokens;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      const me = () =>
        app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${second.accessToken}` } });
      expect((await me()).statusCode).toBe(200);

      const replay = await app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        payload: { refreshToken: first.refreshToken },
      });
      expect(replay.statusCode).toBe(401);
      expect(await lastAudit('auth.refresh.reuse-detected')).toMatchObject({ actorUserId: user.id });
      expect((await me()).statusCode).toBe(401);
      const afterReuse = await app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        payload: { refreshToken: second.refreshToken },
      });
      expect(afterReuse.statusCode).toBe(401);
    });

    it('refuses expired and forged access tokens', async () => {
      const user = await newUser('viewer');
      const { tokens } = (await login(user.email, TEST_PASSWORD)).json();
      const sessionId = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()).sid;
      const expired = await issueAccessToken(
        { userId: user.id, sessionId },
        ctx.config.JWT_ACCESS_SECRET!,
        new Date(Date.now() - 3600_000),
      );
      const forged = await issueAccessToken({ userId: user.id, sessionId }, 'f'.repeat(48));
      for (const [token, detail] of [
        [expired, /expired/],
        [forged, /not valid/],
      ] as const) {
        const response = await app.inject({
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.statusCode).toBe(401);
        expect(response.json().detail).toMatch(detail);
      }
    });

    it('logs out (the token stops working) and lists and revokes sessions', async () => {
      const user = await newUser('viewer');
      const a = (await login(user.email, TEST_PASSWORD)).json().tokens;
      const b = (await login(user.email, TEST_PASSWORD)).json().tokens;
      const asA = { authorization: `Bearer ${a.accessToken}` };
      const list = await app.inject({ url: '/api/auth/sessions', headers: asA });
      expect(list.json().sessions).toHaveLength(2);
      expect(list.json().sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
      const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: asA });
      expect(logout.statusCode).toBe(204);
      expect((await app.inject({ url: '/api/auth/me', headers: asA })).statusCode).toBe(401);
      const asB = { authorization: `Bearer ${b.accessToken}` };
      expect((await app.inject({ url: '/api/auth/me', headers: asB })).statusCode).toBe(200);
      const everywhere = await app.inject({
        method: 'POST',
        url: '/api/auth/sessions/revoke-all',
        headers: asB,
      });
      expect(everywhere.json().revoked).toBeGreaterThan(0);
      expect((await app.inject({ url: '/api/auth/me', headers: asB })).statusCode).toBe(401);
    });

    it('sets httpOnly SameSite cookies for browsers and refuses cookie writes without the CSRF token', async () => {
      const user = await newUser('admin');
      const response = await login(user.email, TEST_PASSWORD, 'cookie');
      expect(response.json().tokens).toBeUndefined();
      const cookies = response.cookies;
      const access = cookies.find((c) => c.name === 'sentia_access')!;
      expect(access).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
      const csrf = cookies.find((c) => c.name === 'sentia_csrf')!;
      expect(csrf.httpOnly).toBeFalsy();
      const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const read = await app.inject({ url: '/api/auth/me', headers: { cookie: cookieHeader } });
      expect(read.json().via).toBe('cookie');
      const put = (headers: Record<string, string>) =>
        app.inject({
          method: 'PUT',
          url: '/api/admin/maintenance',
          headers: { cookie: cookieHeader, ...headers },
          payload: { enabled: false },
        });
      const refused = await put({});
      expect(refused.statusCode).toBe(403);
      expect(refused.json().detail).toMatch(/CSRF/);
      expect((await put({ 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
      expect((await put({ 'x-csrf-token': csrf.value })).statusCode).toBe(200);
    });

    it('refuses a tampered cookie', async () => {
      const user = await newUser('viewer');
      const { cookies } = await login(user.email, TEST_PASSWORD, 'cookie');
      const access = cookies.find((c) => c.name === 'sentia_access')!;
      const tampered = `${access.value.slice(0, -2)}xx`;
      const response = await app.inject({
        url: '/api/auth/me',
        headers: { cookie: `sentia_access=${tampered}` },
      });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('roles and permissions', () => {
    it('has an access rule on every API route', () => {
      expect(app.routeAccess.length).toBeGreaterThan(10);
      for (const route of app.routeAccess) expect(route.access, `${route.method} ${route.url}`).toBeTruthy();
    });

    it('answers 401 without sign-in and never leaks data', async () => {
      const response = await app.inject({ url: '/api/overview' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual(
        expect.objectContaining({ type: '/problems/unauthorized', status: 401 }),
      );
      expect(response.body).not.toContain('kpis');
    });

    it('lets each role through exactly the routes its permissions allow (403 otherwise)', async () => {
      const probes = app.routeAccess.filter(
        (r) =>
          r.access !== 'public' && r.access !== 'authenticated' && r.method === 'GET' && !r.url.includes(':'),
      );
      expect(probes.length).toBeGreaterThan(3);
      for (const role of ROLES) {
        const { headers } = await signInAs(app, ctx, role);
        for (const route of probes) {
          const response = await app.inject({ method: 'GET', url: route.url, headers });
          const allowed = isAllowed(ROLES_PERMISSIONS[role], route.access as Permission, ctx.config.NODE_ENV);
          expect(response.statusCode === 403, `${role} → GET ${route.url} (${route.access})`).toBe(!allowed);
        }
      }
    });

    it('seeds each role with the permissions the matrix above assumes', async () => {
      const rows = await ctx.db
        .select({ name: schema.roles.name, permissions: schema.roles.permissions })
        .from(schema.roles);
      const seeded = Object.fromEntries(rows.map((r) => [r.name, [...r.permissions].sort()]));
      for (const role of ROLES) expect(seeded[role], role).toEqual([...ROLES_PERMISSIONS[role]].sort());
    });

    it('refuses a write route to a viewer with 403 and lets an admin through', async () => {
      const viewer = await signInAs(app, ctx, 'viewer');
      const admin = await signInAs(app, ctx, 'admin');
      const body = { email: 'new@example.test', name: 'New', role: 'viewer', password: TEST_PASSWORD };
      const refused = await app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: viewer.headers,
        payload: body,
      });
      expect(refused.statusCode).toBe(403);
      const created = await app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: admin.headers,
        payload: body,
      });
      expect(created.statusCode).toBe(201);
      expect(await lastAudit('users.created')).toMatchObject({
        actorUserId: admin.userId,
        targetId: created.json().id,
      });
      const changed = await app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${created.json().id}`,
        headers: admin.headers,
        payload: { role: 'planner' },
      });
      expect(changed.json().role).toBe('planner');
      expect(await lastAudit('users.role-changed')).toMatchObject({
        before: { role: 'viewer', disabled: false },
      });
      const disabled = await app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${created.json().id}`,
        headers: admin.headers,
        payload: { disabled: true },
      });
      expect(disabled.json().disabled).toBe(true);
      expect((await login('new@example.test', TEST_PASSWORD)).statusCode).toBe(401);
    });
  });

  describe('audit log', () => {
    it('is append-only: the database refuses to change or delete an entry', async () => {
      const failure = (promise: Promise<unknown>) =>
        promise.then(
          () => 'succeeded',
          (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ''}`,
        );
      expect(await failure(ctx.db.update(schema.auditLog).set({ action: 'tampered' }))).toMatch(
        /append-only/,
      );
      expect(await failure(ctx.db.delete(schema.auditLog))).toMatch(/append-only/);
    });

    it('lists and exports entries to admins, recording the export', async () => {
      const admin = await signInAs(app, ctx, 'admin');
      const list = await app.inject({
        url: '/api/admin/audit?action=auth.login&limit=5',
        headers: admin.headers,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().entries.length).toBeGreaterThan(0);
      const csv = await app.inject({ url: '/api/admin/audit?format=csv&limit=50', headers: admin.headers });
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body.split('\r\n')[0]).toBe(
        'id,at (UTC),actor,action,target type,target id,ip,request id,before,after',
      );
      expect(await lastAudit('data.exported')).toMatchObject({
        actorUserId: admin.userId,
        targetType: 'audit-log',
      });
    });
  });

  describe('admin IP allowlist', () => {
    it('answers admin endpoints only from listed networks', async () => {
      const restricted = await harness.context({ ADMIN_IP_ALLOWLIST: '10.0.0.0/8' });
      const restrictedApp = await buildHttpApp(restricted.ctx, { serveWeb: false });
      try {
        const admin = await signInAs(restrictedApp, restricted.ctx, 'admin');
        const from = (ip: string) =>
          restrictedApp.inject({ url: '/api/admin/users', headers: admin.headers, remoteAddress: ip });
        expect((await from('10.1.2.3')).statusCode).toBe(200);
        const refused = await from('192.0.2.10');
        expect(refused.statusCode).toBe(403);
        expect(refused.json().detail).toMatch(/network/);
        const overview = await restrictedApp.inject({
          url: '/api/overview',
          headers: admin.headers,
          remoteAddress: '192.0.2.10',
        });
        expect(overview.statusCode).toBe(200);
      } finally {
        await restrictedApp.close();
        await restricted.close();
      }
    });
  });

  describe('maintenance mode', () => {
    it('switched on one instance answers 503 on another within seconds, except health, status and admin', async () => {
      const other = await harness.context();
      const otherApp = await buildHttpApp(other.ctx, { serveWeb: false });
      try {
        const admin = await signInAs(app, ctx, 'admin');
        const viewer = await signInAs(app, ctx, 'viewer');
        const on = await app.inject({
          method: 'PUT',
          url: '/api/admin/maintenance',
          headers: admin.headers,
          payload: { enabled: true, message: 'Upgrading the database' },
        });
        expect(on.json()).toMatchObject({ enabled: true, source: 'setting' });
        expect(await lastAudit('maintenance.enabled')).toMatchObject({ actorUserId: admin.userId });
        await new Promise((r) => setTimeout(r, 2_100));
        const blocked = await otherApp.inject({ url: '/api/overview', headers: viewer.headers });
        expect(blocked.statusCode).toBe(503);
        expect(blocked.headers['retry-after']).toBe('300');
        expect(blocked.json().detail).toBe('Upgrading the database');
        const page = await otherApp.inject({ url: '/inventory', headers: { accept: 'text/html' } });
        expect(page.statusCode).toBe(503);
        expect(page.body).toContain('Down for maintenance');
        expect((await otherApp.inject({ url: '/api/health' })).statusCode).toBe(200);
        expect((await otherApp.inject({ url: '/api/status' })).json().maintenance).toBe(true);
        const adminRead = await otherApp.inject({ url: '/api/admin/maintenance', headers: admin.headers });
        expect(adminRead.statusCode, adminRead.body).toBe(200);

        await otherApp.inject({
          method: 'PUT',
          url: '/api/admin/maintenance',
          headers: admin.headers,
          payload: { enabled: false },
        });
        await new Promise((r) => setTimeout(r, 2_100));
        const back = await app.inject({ url: '/api/overview', headers: viewer.headers });
        expect(back.statusCode, back.body).toBe(200);
      } finally {
        await otherApp.close();
        await other.close();
      }
    });
  });

  describe('secrets in logs', () => {
    it('never writes a secret, password or token to the logs', async () => {
      const user = await newUser('viewer');
      const { tokens } = (await login(user.email, TEST_PASSWORD)).json();
      await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${tokens.accessToken}` } });
      await app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        payload: { refreshToken: tokens.refreshToken },
      });
      const output = harness.logLines.join('');
      expect(output.length).toBeGreaterThan(0);
      for (const secret of [
        ...ctx.config.secretValues,
        TEST_PASSWORD,
        tokens.accessToken,
        tokens.refreshToken,
      ]) {
        expect(output.includes(secret), `a secret of ${secret.length} characters appears in the logs`).toBe(
          false,
        );
      }
    });
  });

  describe('Clerk session tokens', () => {
    it('accepts a token signed by the configured key for a linked user, and refuses a tampered one', async () => {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const clerk = await harness.context({ CLERK_JWT_KEY: pem });
      const clerkApp = await buildHttpApp(clerk.ctx, { serveWeb: false });
      try {
        await createUser(clerk.ctx.db, SYSTEM_ACTOR, {
          email: 'clerk-user@example.test',
          name: 'Clerk user',
          role: 'finance',
          clerkUserId: 'user_2abc',
        });
        const now = Math.floor(Date.now() / 1000);
        const sign = (sub: string) =>
          new SignJWT({ sid: 'sess_1' })
            .setProtectedHeader({ alg: 'RS256', kid: 'ins_test' })
            .setSubject(sub)
            .setIssuer('https://clerk.example.test')
            .setIssuedAt(now - 5)
            .setNotBefore(now - 5)
            .setExpirationTime(now + 60)
            .sign(privateKey);
        const token = await sign('user_2abc');
        const me = await clerkApp.inject({
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(me.statusCode).toBe(200);
        expect(me.json()).toMatchObject({ email: 'clerk-user@example.test', role: 'finance', via: 'clerk' });

        const [header, payload, signature] = token.split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
        const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'user_other' })).toString('base64url')}.${signature}`;
        const refused = await clerkApp.inject({
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${tampered}` },
        });
        expect(refused.statusCode).toBe(401);

        const unlinked = await clerkApp.inject({
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${await sign('user_unknown')}` },
        });
        expect(unlinked.statusCode).toBe(403);
      } finally {
        await clerkApp.close();
        await clerk.close();
      }
    });
  });
}

/** The roles table as seeded by the migration (checked against the database in the matrix test). */
const ROLES_PERMISSIONS: Record<(typeof ROLES)[number], string[]> = {
  admin: ['*'],
  developer: ['read:*', 'write:development', 'write:test'],
  viewer: ['read:*'],
  manager: ['read:*', 'write:forecasts', 'write:inventory', 'write:production', 'approve:purchase-orders'],
  // approve:purchase-orders: planner by migration 0010, finance by 0008.
  planner: [
    'read:*',
    'write:forecasts',
    'write:inventory',
    'write:production',
    'write:imports',
    'approve:purchase-orders',
  ],
  finance: [
    'read:*',
    'write:scenarios',
    'write:working-capital',
    'write:imports',
    'export:data',
    'approve:purchase-orders',
  ],
};
