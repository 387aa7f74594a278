import { createServer, type Server } from 'node:http';
import type { AlertView } from '@sentia/contracts';
import type { DatabaseHandle } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import type { AppEvent } from '../../platform/events/event-bus';
import { MemoryEventBus } from '../../platform/events/memory-event-bus';
import { createTestContext, silentLogger } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { AlertEvaluator } from './alert-evaluator';
import { ALERT_RULES, type AlertSignals } from './alert-rules';
import { AlertStore } from './alert-store';
import { createWebhookNotifier } from './webhook-notifier';

/** A local stand-in for Slack's incoming webhook: records each JSON body, answers as scripted. */
class WebhookReceiver {
  readonly bodies: {
    text: string;
    attachments: { color: string; fields: { title: string; value: string }[] }[];
  }[] = [];
  statuses: number[] = [];
  private server: Server | undefined;
  url = '';

  async start() {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        this.bodies.push(JSON.parse(body));
        const status = this.statuses.shift() ?? 200;
        response
          .writeHead(status, status === 429 ? { 'retry-after': '0' } : {})
          .end(status === 200 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/services/T000/B000/XXX`;
  }

  stop() {
    return new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const quiet: AlertSignals = {
  http: { total: 1000, errors: 0, errorRatio: 0, p95Seconds: 0.05 },
  pool: { inUse: 1, max: 10 },
  queueWaiting: 3,
  memory: { rssBytes: 100, limitBytes: 1000 },
};

let database: DatabaseHandle;
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  receiver = new WebhookReceiver();
  await receiver.start();
});

afterAll(async () => {
  await receiver?.stop();
  await database?.close();
});

beforeEach(async () => {
  await database.db.execute(sql`delete from alert_events`);
  receiver.bodies.length = 0;
  receiver.statuses = [];
});

function evaluator(options: {
  instance: string;
  signals: () => AlertSignals;
  now: () => number;
  events?: MemoryEventBus;
}) {
  return new AlertEvaluator({
    rules: ALERT_RULES,
    signals: async () => options.signals(),
    store: new AlertStore(database.db),
    notifier: createWebhookNotifier({
      url: receiver.url,
      appUrl: 'https://sentia.example',
      environment: 'test',
      logger: silentLogger(),
      backoffMs: 1,
    }),
    events: options.events ?? new MemoryEventBus(),
    logger: silentLogger(),
    instance: options.instance,
    now: options.now,
  });
}

describe('in-product alert evaluation', () => {
  it('fires HighErrorRate after 5 minutes above 1%, notifies once, and resolves when it clears', async () => {
    let now = Date.parse('2026-01-05T10:00:00Z');
    let signals: AlertSignals = {
      ...quiet,
      http: { total: 200, errors: 6, errorRatio: 0.03, p95Seconds: 0.1 },
    };
    const events = new MemoryEventBus();
    const published: AppEvent[] = [];
    events.subscribe((e) => published.push(e));
    const web = evaluator({ instance: 'web@a:1', signals: () => signals, now: () => now, events });
    const store = new AlertStore(database.db);

    await web.tick();
    now += 4 * 60_000 + 59_000;
    await web.tick();
    expect((await store.list()).firing).toEqual([]);
    expect(receiver.bodies).toEqual([]);

    now += 1_000;
    await web.tick();
    const { firing } = await store.list();
    expect(firing).toHaveLength(1);
    expect(firing[0]).toMatchObject({
      name: 'HighErrorRate',
      severity: 'critical',
      instance: 'web@a:1',
      state: 'firing',
      value: 0.03,
      threshold: 0.01,
      activeSince: '2026-01-05T10:00:00.000Z',
    });
    expect(receiver.bodies).toHaveLength(1);
    expect(receiver.bodies[0]!.text).toBe('[FIRING] High Error Rate (critical) — test, web@a:1');
    expect(receiver.bodies[0]!.attachments[0]!.fields).toContainEqual({
      title: 'Threshold',
      value: '0.010',
      short: true,
    });
    expect(published.map((e) => [e.type, e.permission])).toEqual([['alert.fired', 'read:system']]);

    now += 60_000;
    await web.tick();
    expect(receiver.bodies).toHaveLength(1);

    signals = quiet;
    now += 15_000;
    await web.tick();
    const after = await store.list();
    expect(after.firing).toEqual([]);
    expect(after.recent[0]).toMatchObject({ name: 'HighErrorRate', state: 'resolved' });
    expect(receiver.bodies).toHaveLength(2);
    expect(receiver.bodies[1]!.text).toMatch(/^\[RESOLVED\] High Error Rate/);
    expect(published.map((e) => e.type)).toEqual(['alert.fired', 'alert.resolved']);
  });

  it('holds each rule to its own threshold and duration; a condition that clears resets the wait', async () => {
    let now = 0;
    let signals: AlertSignals = {
      ...quiet,
      http: { total: 10, errors: 0, errorRatio: 0, p95Seconds: 2.5 },
      pool: { inUse: 9, max: 10 },
      memory: { rssBytes: 900, limitBytes: 1000 },
    };
    const web = evaluator({ instance: 'web@b:1', signals: () => signals, now: () => now });
    await web.tick();
    now += 9 * 60_000;
    await web.tick();
    // The pool sits exactly at 90%: not above the threshold, so it never fires.
    expect((await new AlertStore(database.db).list()).firing).toEqual([]);
    signals = { ...signals, memory: { rssBytes: 100, limitBytes: 1000 } };
    now += 30_000;
    await web.tick();
    signals = { ...signals, memory: { rssBytes: 900, limitBytes: 1000 } };
    now += 30_000;
    await web.tick();
    now += 30_000;
    await web.tick();
    const firing = (await new AlertStore(database.db).list()).firing.map((a) => a.name);
    // Response time held 10 minutes; memory's 10 minutes restarted when it dipped.
    expect(firing).toEqual(['HighResponseTime']);
  });

  it('notifies a shared QueueBacklog once although every replica sees it', async () => {
    let now = 0;
    const backlog = { ...quiet, queueWaiting: 1500 };
    const replicas = ['web@a:1', 'web@b:1', 'worker@c:1'].map((instance) =>
      evaluator({ instance, signals: () => backlog, now: () => now }),
    );
    for (const r of replicas) await r.tick();
    now += 15 * 60_000;
    for (const r of replicas) await r.tick();
    const { firing } = await new AlertStore(database.db).list();
    expect(firing.map((a) => [a.name, a.instance, a.value])).toEqual([['QueueBacklog', 'cluster', 1500]]);
    expect(receiver.bodies.map((b) => b.text)).toEqual([
      '[FIRING] Queue Backlog (warning) — test, all processes',
    ]);
  });

  it('does not evaluate what a process cannot measure, and resolves alerts of processes that went away', async () => {
    let now = 0;
    const worker = evaluator({
      instance: 'worker@c:1',
      signals: () => ({ ...quiet, http: null }),
      now: () => now,
    });
    const store = new AlertStore(database.db);
    await store.open({
      name: 'MemoryUsage',
      instance: 'web@gone:9',
      severity: 'warning',
      summary: 'Memory Usage',
      description: 'The process uses 90.0% of its memory limit.',
      value: 0.9,
      threshold: 0.85,
      activeSince: new Date(),
    });
    await database.db.execute(sql`update alert_events set last_seen_at = now() - interval '6 minutes'`);
    await worker.tick();
    now += 60_000;
    await worker.tick();
    const { firing, recent } = await store.list();
    expect(firing).toEqual([]);
    expect(recent[0]).toMatchObject({ instance: 'web@gone:9', state: 'resolved' });
    expect(receiver.bodies.map((b) => b.text)).toEqual([
      '[RESOLVED] Memory Usage (warning) — test, web@gone:9',
    ]);
  });
});

describe('alert webhook', () => {
  const alert: AlertView = {
    id: '1',
    name: 'HighResponseTime',
    summary: 'High Response Time',
    severity: 'warning',
    instance: 'web@a:1',
    state: 'firing',
    value: 2.4,
    threshold: 2,
    description: 'The 95th percentile response time is 2.40 s.',
    activeSince: '2026-01-05T10:00:00.000Z',
    firedAt: '2026-01-05T10:10:00.000Z',
    resolvedAt: null,
  };
  const notifier = () =>
    createWebhookNotifier({
      url: receiver.url,
      environment: 'production',
      logger: silentLogger(),
      backoffMs: 1,
    });

  it('retries server errors and 429, and gives up on other client errors at once', async () => {
    receiver.statuses = [500, 429, 200];
    await notifier().notify('fired', alert);
    expect(receiver.bodies).toHaveLength(3);
    receiver.bodies.length = 0;
    receiver.statuses = [404];
    await notifier().notify('fired', alert);
    expect(receiver.bodies).toHaveLength(1);
  });
});

describe('GET /api/alerts', () => {
  it('lists the five rules with the spec’s thresholds, and the alerts firing', async () => {
    const test = createTestContext(database, { env: { ALERT_WEBHOOK_URL: receiver.url } });
    const app = await buildHttpApp(test.ctx, { serveWeb: false });
    try {
      await new AlertStore(database.db).open({
        name: 'DatabaseConnectionPool',
        instance: 'web@a:1',
        severity: 'critical',
        summary: 'Database Connection Pool',
        description: '95.0% of the database pool is in use.',
        value: 0.95,
        threshold: 0.9,
        activeSince: new Date(),
      });
      const developer = await signInAs(app, test.ctx, 'developer');
      const response = await app.inject({ method: 'GET', url: '/api/alerts', headers: developer.headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.json();
      expect(
        body.rules.map((r: { name: string; threshold: number; forSeconds: number; severity: string }) => [
          r.name,
          r.threshold,
          r.forSeconds,
          r.severity,
        ]),
      ).toEqual([
        ['HighErrorRate', 0.01, 300, 'critical'],
        ['HighResponseTime', 2, 600, 'warning'],
        ['DatabaseConnectionPool', 0.9, 300, 'critical'],
        ['QueueBacklog', 1000, 900, 'warning'],
        ['MemoryUsage', 0.85, 600, 'warning'],
      ]);
      expect(body.firing.map((a: { name: string }) => a.name)).toEqual(['DatabaseConnectionPool']);
      expect(body.webhookConfigured).toBe(true);
      expect((await app.inject({ method: 'GET', url: '/api/alerts' })).statusCode).toBe(401);
    } finally {
      await app.close();
      await test.close();
    }
  });
});
