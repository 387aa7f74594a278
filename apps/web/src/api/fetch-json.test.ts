import { statusResponse } from '@sentia/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, toProblem } from './api-error';
import { fetchJson } from './fetch-json';

const okSchema = z.object({ value: z.number() });

function respondWith(body: string, init: ResponseInit & { url?: string } = {}) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(body, init));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchJson', () => {
  it('parses a valid body and sends cookies', async () => {
    const fetchMock = respondWith(JSON.stringify({ value: 42 }), {
      headers: { 'content-type': 'application/json' },
    });
    await expect(fetchJson('/api/thing', okSchema)).resolves.toEqual({ value: 42 });
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('include');
  });

  it('turns problem+json into an ApiError carrying the problem', async () => {
    const problem = {
      type: '/problems/validation',
      title: 'The request is not valid',
      status: 400,
      detail: 'The period starts after it ends.',
      errors: [{ field: 'querystring.from', message: 'must be on or before "to"' }],
    };
    respondWith(JSON.stringify(problem), {
      status: 400,
      headers: { 'content-type': 'application/problem+json' },
    });
    const error = await fetchJson('/api/thing', okSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('problem');
    expect((error as ApiError).problem).toEqual(problem);
    expect((error as ApiError).retryable).toBe(false);
  });

  it('describes an HTTP error without a problem body, and retries server errors', async () => {
    respondWith('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    const error = (await fetchJson('/api/thing', okSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('http');
    expect(error.problem.title).toBe('Bad Gateway');
    expect(error.status).toBe(502);
    expect(error.retryable).toBe(true);
  });

  it('refuses a payload that breaks the contract, naming the fields', async () => {
    respondWith(JSON.stringify({ value: 'forty-two' }));
    const error = (await fetchJson('/api/thing', okSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('contract');
    expect(error.problem.errors?.[0]?.field).toBe('value');
  });

  it('reports network failures as retryable', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('fetch failed')));
    const error = (await fetchJson('/api/thing', okSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it('accepts the payload of an allowed error status (503 from /api/status)', async () => {
    const body = {
      status: 'down',
      version: '1.0.0',
      commit: null,
      environment: 'production',
      mode: 'server',
      role: 'web',
      uptimeSeconds: 5,
      maintenance: false,
      dependencies: [{ name: 'postgres', state: 'down', required: true, latencyMs: null }],
    };
    respondWith(JSON.stringify(body), { status: 503 });
    await expect(fetchJson('/api/status', statusResponse, { acceptStatuses: [503] })).resolves.toMatchObject({
      status: 'down',
    });
  });
});

describe('toProblem', () => {
  it('wraps unknown errors for the error panel', () => {
    expect(toProblem(new Error('boom'))).toMatchObject({ title: 'Something went wrong', detail: 'boom' });
  });
});
