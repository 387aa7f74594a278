import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { defineJob } from '../jobs/job-definition';
import { NEW_RELIC_OTLP_ENDPOINT, tracingTargets } from './tracing';

/** Records every POST: path, headers and body (gunzipped when needed). */
class Receiver {
  readonly requests: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  private server: Server | undefined;
  base = '';
  async start() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        this.requests.push({
          path: request.url ?? '',
          headers: request.headers,
          body: body.toString('utf8'),
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sentry envelopes: newline-delimited JSON (envelope header, then item header and payload pairs). */
function sentryEvents(receiver: Receiver): Record<string, unknown>[] {
  return receiver.requests
    .filter((r) => r.path.includes('/envelope/'))
    .flatMap((r) => {
      const lines = r.body.split('\n').filter(Boolean);
      const events: Record<string, unknown>[] = [];
      for (let i = 1; i + 1 < lines.length; i += 2) {
        if (JSON.parse(lines[i]!).type === 'event') events.push(JSON.parse(lines[i + 1]!));
      }
      return events;
    });
}

let database: DatabaseHandle;
let sentry: Receiver;
let otlp: Receiver;

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  sentry = new Receiver();
  otlp = new Receiver();
  await Promise.all([sentry.start(), otlp.start()]);
});

afterAll(async () => {
  await Promise.all([sentry?.stop(), otlp?.stop()]);
  await database?.close();
});

describe('error reporting with Sentry (SENTRY_DSN pointed at a local receiver)', () => {
  it('reports unhandled errors and failed jobs with ids and release, without personal data or secrets', async () => {
    const secret = 'xero-client-secret-value-0123456789';
    const test = createTestContext(database, {
      env: {
        SENTRY_DSN: `${sentry.base.replace('http://', 'http://publickey@')}/42`,
        XERO_CLIENT_SECRET: secret,
      },
    });
    await test.ctx.telemetry.start(
      test.ctx.config,
      { service: 'sentia-test', version: '1.2.3' },
      test.ctx.logger,
    );
    const app = await buildHttpApp(test.ctx, { serveWeb: false });
    app.get('/api/test/explode', { config: { access: 'read:overview' } }, async () => {
      throw new Error(`lookup failed for jane.doe@example.com using ${secret}`);
    });
    try {
      const viewer = await signInAs(app, test.ctx, 'viewer');
      const response = await app.inject({
        method: 'GET',
        url: '/api/test/explode?email=jane.doe@example.com',
        headers: { ...viewer.headers, 'x-request-id': 'req-telemetry-1', cookie: 'sentia_access=abc' },
      });
      expect(response.statusCode).toBe(500);
      // A deliberate error (404, 403, …) is not a fault to report.
      await app.inject({ method: 'GET', url: '/api/no-such-route' });

      const failing = defineJob({
        name: 'test.telemetry-failing',
        version: 1,
        queue: 'sync',
        payload: z.object({}),
        attempts: 2,
        backoffMs: 1,
        handler: async () => {
          throw new Error('upstream answered 502');
        },
      });
      await test.ctx.jobs.enqueue(failing, {});
      await test.inProcessJobs!.whenIdle();
      await test.ctx.telemetry.flush(5_000);

      const events = await until(() => {
        const found = sentryEvents(sentry);
        return found.length >= 2 ? found : undefined;
      });
      expect(events).toHaveLength(2);
      const [http, job] = events as {
        release: string;
        tags: Record<string, string>;
        user?: Record<string, unknown>;
        exception: { values: { value: string }[] };
        request?: Record<string, unknown>;
      }[];
      expect(http!.release).toBe('1.2.3');
      expect(http!.tags).toMatchObject({
        request_id: 'req-telemetry-1',
        route: '/api/test/explode',
        method: 'GET',
      });
      expect(http!.user).toEqual({ id: viewer.userId });
      expect(http!.exception.values[0]!.value).toBe('lookup failed for [email] using [redacted]');
      const everything = JSON.stringify(events);
      expect(everything).not.toContain('jane.doe');
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain('sentia_access');
      expect(everything).not.toContain(viewer.email);
      // Reported once, when the last attempt failed, not on the retry before it.
      expect(job!.tags).toMatchObject({ job: 'test.telemetry-failing', queue: 'sync', attempt: '2' });
      expect(job!.exception.values[0]!.value).toBe('upstream answered 502');
    } finally {
      await app.close();
      await test.close();
    }
  });
});

describe('traces over OpenTelemetry (TELEMETRY_KEY / NEW_RELIC_LICENSE_KEY)', () => {
  it('exports a span per request, named by its route, to the OTLP endpoint with the key', async () => {
    const test = createTestContext(database, {
      env: { TELEMETRY_KEY: 'otlp-key-123456', OTEL_EXPORTER_OTLP_ENDPOINT: otlp.base },
    });
    await test.ctx.telemetry.start(
      test.ctx.config,
      { service: 'sentia-web', version: '1.2.3' },
      test.ctx.logger,
    );
    const app = await buildHttpApp(test.ctx, { serveWeb: false });
    try {
      await app.inject({ method: 'GET', url: '/api/health' });
      await test.ctx.telemetry.flush();
      const request = await until(() => otlp.requests.find((r) => r.path === '/v1/traces'));
      expect(request.headers.authorization).toBe('Bearer otlp-key-123456');
      const payload = JSON.parse(request.body);
      const resource = payload.resourceSpans[0].resource.attributes;
      expect(resource).toContainEqual({ key: 'service.name', value: { stringValue: 'sentia-web' } });
      const spans = payload.resourceSpans.flatMap((r: { scopeSpans: { spans: unknown[] }[] }) =>
        r.scopeSpans.flatMap((s) => s.spans),
      ) as { name: string; kind: number; attributes: { key: string; value: Record<string, unknown> }[] }[];
      const span = spans.find((s) => s.name === 'GET /api/health');
      expect(span).toBeDefined();
      expect(span!.attributes).toContainEqual({ key: 'http.route', value: { stringValue: '/api/health' } });
      expect(span!.attributes).toContainEqual({
        key: 'http.response.status_code',
        value: { intValue: 200 },
      });
    } finally {
      await app.close();
      await test.close();
    }
  });

  it('sends New Relic its licence key as api-key to its OTLP endpoint; loads nothing without keys', () => {
    expect(tracingTargets({ newRelicLicenseKey: 'nr-key' }).targets).toEqual([
      {
        label: `New Relic ${NEW_RELIC_OTLP_ENDPOINT}`,
        url: `${NEW_RELIC_OTLP_ENDPOINT}/v1/traces`,
        headers: { 'api-key': 'nr-key' },
      },
    ]);
    expect(
      tracingTargets({ newRelicLicenseKey: 'nr-key', endpoint: 'https://otlp.eu01.nr-data.net/' }).targets[0]!
        .url,
    ).toBe('https://otlp.eu01.nr-data.net/v1/traces');
    const both = tracingTargets({
      telemetryKey: 't',
      newRelicLicenseKey: 'n',
      endpoint: 'https://collector:4318',
    });
    expect(both.targets.map((t) => t.url)).toEqual([
      'https://collector:4318/v1/traces',
      `${NEW_RELIC_OTLP_ENDPOINT}/v1/traces`,
    ]);
    expect(tracingTargets({ telemetryKey: 't' })).toEqual({
      targets: [],
      problems: ['TELEMETRY_KEY is set but OTEL_EXPORTER_OTLP_ENDPOINT is not: traces are not exported'],
    });
    expect(tracingTargets({}).targets).toEqual([]);
  });
});
