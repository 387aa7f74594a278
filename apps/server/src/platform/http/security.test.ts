import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { createPgliteTestDatabase } from '../../test-support/database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createPgliteTestDatabase();
});
afterAll(async () => database?.close());

async function appWith(env: Record<string, string> = {}) {
  const test = createTestContext(database, { env });
  const app = await buildHttpApp(test.ctx, { serveWeb: false });
  return {
    app,
    async close() {
      await app.close();
      await test.close();
    },
  };
}

describe('security headers and limits', () => {
  it('sends HSTS, a CSP without unsafe-eval, no-sniff, frame denial and a referrer policy', async () => {
    const { app, close } = await appWith();
    try {
      const response = await app.inject({ url: '/api/health' });
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=63072000; includeSubDomains; preload',
      );
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    } finally {
      await close();
    }
  });

  it('redirects plain HTTP reported by the proxy to HTTPS in production, but not the health check', async () => {
    const { app, close } = await appWith({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
      REDIS_URL: 'redis://127.0.0.1:1',
      APP_URL: 'https://dashboard.example.com',
      TRUST_PROXY: 'true',
    });
    try {
      const page = await app.inject({
        url: '/api/status',
        headers: { 'x-forwarded-proto': 'http', host: 'dashboard.example.com' },
      });
      expect(page.statusCode).toBe(301);
      expect(page.headers.location).toBe('https://dashboard.example.com/api/status');
      const health = await app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'http' } });
      expect(health.statusCode).toBe(200);
    } finally {
      await close();
    }
  });

  it('refuses an oversized body with 413 problem+json', async () => {
    const { app, close } = await appWith();
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a@b.c', password: 'x'.repeat(2_000_000) },
      });
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    } finally {
      await close();
    }
  });

  it('refuses unknown fields in a body, naming them', async () => {
    const { app, close } = await appWith();
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a@b.c', password: 'secret', isAdmin: true },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toMatch(/isAdmin/);
    } finally {
      await close();
    }
  });

  it('refuses a NUL character in the query or body with 400 instead of failing in the database', async () => {
    const { app, close } = await appWith();
    try {
      const query = await app.inject({ url: '/api/status?x=%00' });
      expect(query.statusCode).toBe(400);
      expect(query.json().errors[0].field).toBe('querystring');
      const body = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a\u0000@b.c', password: 'x' },
      });
      expect(body.statusCode).toBe(400);
      expect(body.json().errors[0].field).toBe('body');
    } finally {
      await close();
    }
  });

  it('answers an over-long path parameter with problem+json', async () => {
    const { app, close } = await appWith();
    try {
      const response = await app.inject({ method: 'DELETE', url: `/api/auth/sessions/${'9'.repeat(500)}` });
      expect(response.statusCode).toBe(414);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await close();
    }
  });
});
