import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError } from './api-error';
import { createApiClient } from './fetch-json';

const ok = z.object({ value: z.number() });
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, title: string, detail: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `/problems/${status}`, title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

type Handler = (path: string, init: RequestInit) => Response | Promise<Response>;

/** A fake server: records each request and answers with `handler`; cookies are a mutable string. */
function setup(handler: Handler, cookie = 'sentia_csrf=token-1') {
  const state = { cookie };
  const calls: { path: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = String(input);
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({
      path,
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    });
    return handler(path, init);
  });
  const onSignInRequired = vi.fn();
  const client = createApiClient({
    fetch: () => fetchMock as unknown as typeof fetch,
    cookies: () => state.cookie,
    onSignInRequired,
  });
  return { client, calls, onSignInRequired, state };
}

describe('writes and the CSRF token', () => {
  it('sends X-CSRF-Token from the sentia_csrf cookie on writes, never on reads', async () => {
    const { client, calls } = setup(() => json({ value: 1 }), 'theme=dark; sentia_csrf=abc%2B123; other=1');
    await client.sendJson('PATCH', '/api/admin/users/1', { role: 'viewer' }, ok);
    await client.fetchJson('/api/thing', ok);
    expect(calls[0]).toMatchObject({
      method: 'PATCH',
      headers: { 'X-CSRF-Token': 'abc+123', 'content-type': 'application/json' },
      body: { role: 'viewer' },
    });
    expect(calls[1]?.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('sends no body and no content type when there is nothing to send, and accepts 204', async () => {
    const { client, calls } = setup(() => new Response(null, { status: 204 }));
    await expect(client.sendJson('POST', '/api/auth/logout', undefined, z.undefined())).resolves.toBe(
      undefined,
    );
    expect(calls[0]?.headers['content-type']).toBeUndefined();
    expect(calls[0]?.body).toBeUndefined();
    expect(calls[0]?.headers['X-CSRF-Token']).toBe('token-1');
  });

  it('sends a write again when a renewal replaced the CSRF cookie while it was on its way', async () => {
    const { client, calls, state } = setup((_path, init) => {
      const sent = (init.headers as Record<string, string>)['X-CSRF-Token'];
      if (sent === 'token-1') {
        state.cookie = 'sentia_csrf=token-2';
        return problem(403, 'Not allowed', 'Missing or wrong CSRF token');
      }
      return json({ value: 2 });
    });
    await expect(client.sendJson('PUT', '/api/admin/maintenance', { enabled: true }, ok)).resolves.toEqual({
      value: 2,
    });
    expect(calls.map((c) => c.headers['X-CSRF-Token'])).toEqual(['token-1', 'token-2']);
  });
});

describe('session renewal on 401', () => {
  it('refreshes once and sends the call again', async () => {
    let signedIn = false;
    const { client, calls, onSignInRequired } = setup((path) => {
      if (path === '/api/auth/refresh') {
        signedIn = true;
        return json({ user: { id: '1', email: 'a@b.c', name: 'A', role: 'viewer' } });
      }
      return signedIn ? json({ value: 7 }) : problem(401, 'Authentication required', 'expired');
    });
    await expect(client.fetchJson('/api/overview', ok)).resolves.toEqual({ value: 7 });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/overview',
      'POST /api/auth/refresh',
      'GET /api/overview',
    ]);
    expect(onSignInRequired).not.toHaveBeenCalled();
  });

  it('makes one refresh for many calls failing together, and retries each of them', async () => {
    let signedIn = false;
    let releaseRefresh!: () => void;
    const refreshGate = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    const { client, calls } = setup(async (path) => {
      if (path === '/api/auth/refresh') {
        await refreshGate;
        signedIn = true;
        return json({ user: { id: '1', email: 'a@b.c', name: 'A', role: 'viewer' } });
      }
      return signedIn ? json({ value: Number(path.split('/').at(-1)) }) : problem(401, 'Auth', 'expired');
    });
    const results = Promise.all([1, 2, 3, 4].map((n) => client.fetchJson(`/api/item/${n}`, ok)));
    await vi.waitFor(() => expect(calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1));
    releaseRefresh();
    await expect(results).resolves.toEqual([{ value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }]);
    expect(calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1);
    expect(calls.filter((c) => c.path.startsWith('/api/item/'))).toHaveLength(8);
  });

  it('hands over to the sign-in page when the session cannot be renewed', async () => {
    const { client, calls, onSignInRequired } = setup((path) =>
      path === '/api/auth/refresh'
        ? problem(401, 'Authentication required', 'No refresh token; sign in again.')
        : problem(401, 'Authentication required', 'Sign in to continue.'),
    );
    const error = (await client.fetchJson('/api/auth/me', ok).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(onSignInRequired).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
  });

  it('hands over to sign-in when the call is still refused after a renewal', async () => {
    const { client, calls, onSignInRequired } = setup((path) =>
      path === '/api/auth/refresh' ? json({ user: {} }) : problem(401, 'Authentication required', 'ended'),
    );
    await expect(client.fetchJson('/api/overview', ok)).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(3);
    expect(onSignInRequired).toHaveBeenCalledTimes(1);
  });

  it('does not sign anyone out when the refresh fails for server or network reasons', async () => {
    const { client, onSignInRequired } = setup((path) =>
      path === '/api/auth/refresh'
        ? new Response('bad gateway', { status: 502 })
        : problem(401, 'Authentication required', 'expired'),
    );
    const error = (await client.fetchJson('/api/overview', ok).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
    expect(onSignInRequired).not.toHaveBeenCalled();
  });

  it('never renews on a failed sign-in: 401 there means wrong credentials', async () => {
    const { client, calls, onSignInRequired } = setup(() =>
      problem(401, 'Authentication required', 'The email or password is incorrect.'),
    );
    const error = (await client
      .sendJson('POST', '/api/auth/login', { email: 'a@b.c', password: 'x' }, ok)
      .catch((e: unknown) => e)) as ApiError;
    expect(error.problem.detail).toBe('The email or password is incorrect.');
    expect(calls).toHaveLength(1);
    expect(onSignInRequired).not.toHaveBeenCalled();
  });
});

describe('errors', () => {
  it('renders 403 as "Not allowed", keeping the server’s reason', async () => {
    const { client } = setup(() => problem(403, 'Forbidden', 'Your role does not allow admin:users.'));
    const error = (await client.fetchJson('/api/admin/users', ok).catch((e: unknown) => e)) as ApiError;
    expect(error.notAllowed).toBe(true);
    expect(error.problem).toMatchObject({
      title: 'Not allowed',
      detail: 'Your role does not allow admin:users.',
    });
    expect(error.retryable).toBe(false);
  });

  it('renders a 403 without a problem body (a proxy) as "Not allowed" too', async () => {
    const { client } = setup(
      () => new Response('<h1>Forbidden</h1>', { status: 403, statusText: 'Forbidden' }),
    );
    const error = (await client.fetchJson('/api/admin/users', ok).catch((e: unknown) => e)) as ApiError;
    expect(error.problem.title).toBe('Not allowed');
    expect(error.kind).toBe('http');
  });

  it('carries Retry-After of a lockout or rate limit', async () => {
    const { client } = setup(() => problem(423, 'Account locked', 'locked', { 'retry-after': '900' }));
    const error = (await client
      .sendJson('POST', '/api/auth/login', { email: 'a@b.c', password: 'x' }, ok)
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(423);
    expect(error.retryAfterSeconds).toBe(900);
  });
});

describe('fetchFile', () => {
  it('returns the content and the suggested file name', async () => {
    const { client } = setup(
      () =>
        new Response('id,at\r\n1,2025-01-01', {
          headers: {
            'content-type': 'text/csv',
            'content-disposition': 'attachment; filename="audit-log.csv"',
          },
        }),
    );
    const file = await client.fetchFile('/api/admin/audit?format=csv');
    expect(file.filename).toBe('audit-log.csv');
    expect(await file.blob.text()).toBe('id,at\r\n1,2025-01-01');
  });

  it('throws the problem when the download is refused', async () => {
    const { client } = setup(() => problem(403, 'Not allowed', 'Your role does not allow admin:audit.'));
    await expect(client.fetchFile('/api/admin/audit?format=csv')).rejects.toMatchObject({ status: 403 });
  });
});
