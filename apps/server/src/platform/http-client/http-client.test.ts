import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpNetworkError, HttpRetryBudgetError, HttpStatusError } from './errors';
import { HttpClient, type HttpClientHooks } from './http-client';
import { parseRetryAfter } from './retry-policy';
import { MemoryRequestLimiter } from './token-bucket';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let hits: { method: string; url: string; at: number; body: string; headers: IncomingMessage['headers'] }[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      hits.push({ method: req.method!, url: req.url!, at: Date.now(), body, headers: req.headers });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = [];
});

/** Answers each request with the next scripted status (then 200). */
function script(
  ...statuses: (number | { status: number; headers?: Record<string, string>; body?: string })[]
) {
  let n = 0;
  handler = (_req, res) => {
    const step = statuses[n++] ?? 200;
    const { status, headers = {}, body = '{"ok":true}' } = typeof step === 'number' ? { status: step } : step;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
}

function client(options: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  return new HttpClient({
    name: 'test',
    baseUrl,
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    random: () => 1,
    ...options,
  });
}

describe('HttpClient retries', () => {
  it('retries 5xx and 429 and returns the eventual answer', async () => {
    script(503, 500, { status: 429 }, 200);
    const response = await client().json<{ ok: boolean }>({ url: '/things' });
    expect(response).toEqual({ ok: true });
    expect(hits).toHaveLength(4);
  });

  it('does not retry other 4xx and reports the service message', async () => {
    script({ status: 400, body: '{"errors":[{"code":"InvalidInput","message":"MarketplaceIds missing"}]}' });
    const error = await client()
      .request({ url: '/orders', operation: 'getOrders' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('getOrders answered HTTP 400');
    expect(error.message).toContain('MarketplaceIds missing');
    expect(hits).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last status', async () => {
    script(502, 502, 502, 502);
    const error = await client({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } })
      .request({ url: '/x' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.attempts).toBe(3);
    expect(hits).toHaveLength(3);
  });

  it('waits what Retry-After asks (fractional seconds, as Shopify sends)', async () => {
    script({ status: 429, headers: { 'retry-after': '0.3' } }, 200);
    await client().request({ url: '/x' });
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(280);
  });

  it('refuses to wait longer than maxRetryAfterMs', async () => {
    script({ status: 429, headers: { 'retry-after': '3600' } });
    const error = await client()
      .request({ url: '/x' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(HttpRetryBudgetError);
    expect(hits).toHaveLength(1);
  });

  it('does not repeat a POST unless it is marked idempotent', async () => {
    script(503, 200);
    await expect(client().request({ method: 'POST', url: '/x', body: { a: 1 } })).rejects.toBeInstanceOf(
      HttpStatusError,
    );
    expect(hits).toHaveLength(1);
    hits = [];
    script(503, 200);
    await client().request({ method: 'POST', url: '/x', body: { a: 1 }, idempotent: true });
    expect(hits).toHaveLength(2);
    expect(hits[1]!.body).toBe('{"a":1}');
    expect(hits[1]!.headers['content-type']).toBe('application/json');
  });

  it('times out a slow answer and retries it', async () => {
    let n = 0;
    handler = (_req, res) => {
      if (n++ === 0) setTimeout(() => res.end('{}'), 500);
      else res.end('{"late":false}');
    };
    const body = await client({ timeoutMs: 100 }).json({ url: '/slow' });
    expect(body).toEqual({ late: false });
    expect(hits).toHaveLength(2);
  });

  it('reports a connection that keeps failing as a network error', async () => {
    const dead = new HttpClient({
      name: 'dead',
      baseUrl: 'http://127.0.0.1:9',
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await dead.request({ url: '/x' }).catch((e) => e);
    expect(error).toBeInstanceOf(HttpNetworkError);
    expect(error.reason).toBe('network');
    expect(error.attempts).toBe(2);
  });

  it('lets a connector decide on a 200 (GraphQL throttling) with its own delay', async () => {
    let n = 0;
    handler = (_req, res) => {
      res.end(n++ === 0 ? '{"errors":[{"extensions":{"code":"THROTTLED"}}]}' : '{"data":{}}');
    };
    const started = Date.now();
    const body = await client({
      inspect: (r) =>
        r.text.includes('THROTTLED') ? { retry: true, delayMs: 150, reason: 'throttled' } : undefined,
    }).json({ method: 'POST', url: '/graphql.json', body: {}, idempotent: true });
    expect(body).toEqual({ data: {} });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('returns accepted statuses to the caller instead of raising', async () => {
    script(401);
    const response = await client().request({ url: '/x', acceptStatuses: [401] });
    expect(response.status).toBe(401);
  });

  it('sends query parameters, arrays comma-separated, and keeps the query out of errors', async () => {
    script(404);
    const error = await client()
      .request({ url: '/orders', query: { MarketplaceIds: ['A1', 'B2'], token: 'secret', skip: undefined } })
      .catch((e) => e);
    expect(hits[0]!.url).toBe('/orders?MarketplaceIds=A1%2CB2&token=secret');
    expect(error.message).not.toContain('secret');
  });

  it('calls the hooks for responses and retries, and survives a hook that throws', async () => {
    script(500, 200);
    const seen: string[] = [];
    const hooks: HttpClientHooks = {
      onResponse: (e) => {
        seen.push(`response ${e.status} #${e.attempt}`);
        throw new Error('broken metrics');
      },
      onRetry: (e) => seen.push(`retry ${e.reason} ${e.delayMs}`),
    };
    await client({ hooks }).request({ url: '/x', operation: 'op' });
    expect(seen).toEqual(['response 500 #1', 'retry HTTP 500 10', 'response 200 #2']);
  });
});

describe('HttpClient rate limiting', () => {
  it('spaces requests by the bucket and pauses the whole bucket after a 429', async () => {
    const limiter = new MemoryRequestLimiter();
    script(200, 200, 200, 200);
    const c = client({
      limiter,
      defaultLimit: { key: 'shop-a', bucket: { capacity: 2, refillPerSecond: 10 } },
    });
    const started = Date.now();
    await Promise.all([1, 2, 3, 4].map(() => c.request({ url: '/x' })));
    // Two go at once (the burst), the next two wait ~100 ms each for a token.
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);

    hits = [];
    script({ status: 429, headers: { 'retry-after': '0.25' } }, 200, 200);
    await Promise.all([
      c.request({ url: '/a' }),
      new Promise((r) => setTimeout(r, 50)).then(() => c.request({ url: '/b' })),
    ]);
    const first429 = hits[0]!.at;
    // Every request after the 429 waited for the penalty, not only the one that was throttled.
    for (const hit of hits.slice(1)) expect(hit.at - first429).toBeGreaterThanOrEqual(240);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2.0')).toBe(2000);
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
