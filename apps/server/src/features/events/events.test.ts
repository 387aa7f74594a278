import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { MemoryEventBus } from '../../platform/events/memory-event-bus';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { openSse, type SseConnection } from '../../test-support/sse-client';

let database: DatabaseHandle;
let test: ReturnType<typeof createTestContext>;
let app: Awaited<ReturnType<typeof buildHttpApp>>;
let base: string;
const connections: SseConnection[] = [];

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  test = createTestContext(database);
  app = await buildHttpApp(test.ctx, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const c of connections) c.close();
  await app?.close();
  await test?.close();
  await database?.close();
});

async function connect(headers: Record<string, string>) {
  const connection = await openSse(`${base}/api/events`, headers);
  connections.push(connection);
  return connection;
}

describe('GET /api/events (server-sent events)', () => {
  it('refuses anonymous callers', async () => {
    const anonymous = await connect({});
    expect(anonymous.status).toBe(401);
  });

  it('pushes events to signed-in users, only those their role may see', async () => {
    const viewer = await signInAs(app, test.ctx, 'viewer');
    const admin = await signInAs(app, test.ctx, 'admin');
    const viewerStream = await connect(viewer.headers);
    const adminStream = await connect(admin.headers);
    expect(viewerStream.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    await test.ctx.events.publish({
      type: 'flags.changed',
      data: { key: 'audit-only' },
      permission: 'admin:audit',
    });
    await test.ctx.events.publish({ type: 'data.changed', data: { reason: 'imports.csv' } });

    const seen = await viewerStream.waitFor((e) => e.event === 'data.changed');
    expect(seen.data).toMatchObject({ reason: 'imports.csv' });
    expect(seen.id).toMatch(/^\d+-\d+$/);
    await adminStream.waitFor((e) => e.event === 'data.changed');
    expect(adminStream.events.map((e) => e.event)).toEqual(['flags.changed', 'data.changed']);
    expect(viewerStream.events.map((e) => e.event)).toEqual(['data.changed']);
  });

  it('replays what a reconnecting browser missed after its Last-Event-ID, then goes live', async () => {
    const viewer = await signInAs(app, test.ctx, 'viewer');
    const first = await test.ctx.events.publish({ type: 'job.progress', data: { job: 'sync', percent: 10 } });
    await test.ctx.events.publish({ type: 'job.progress', data: { job: 'sync', percent: 60 } });
    await test.ctx.events.publish({ type: 'job.completed', data: { job: 'sync' } });
    const resumed = await connect({ ...viewer.headers, 'last-event-id': first!.id });
    await resumed.waitFor((e) => e.event === 'job.completed');
    expect(resumed.events.map((e) => [e.event, e.data.percent])).toEqual([
      ['job.progress', 60],
      ['job.completed', undefined],
    ]);
    await test.ctx.events.publish({ type: 'maintenance.changed', data: { enabled: true } });
    await resumed.waitFor((e) => e.event === 'maintenance.changed');
  });

  it('stays open during maintenance: a page connecting meanwhile is told, and hears when it ends', async () => {
    const admin = await signInAs(app, test.ctx, 'admin');
    const viewer = await signInAs(app, test.ctx, 'viewer');
    const switchTo = (enabled: boolean) =>
      app.inject({
        method: 'PUT',
        url: '/api/admin/maintenance',
        headers: admin.headers,
        payload: { enabled, message: 'Upgrading the database' },
      });
    expect((await switchTo(true)).statusCode).toBe(200);
    try {
      expect((await app.inject({ url: '/api/overview', headers: viewer.headers })).statusCode).toBe(503);
      const stream = await connect(viewer.headers);
      expect(stream.status).toBe(200);
      const told = await stream.waitFor((e) => e.event === 'maintenance.changed');
      expect(told.data).toMatchObject({ enabled: true, message: 'Upgrading the database' });
      expect(told.id).toBeNull();
      expect((await switchTo(false)).statusCode).toBe(200);
      const ended = await stream.waitFor(
        (e) => e.event === 'maintenance.changed' && e.data.enabled === false,
      );
      expect(ended.id).toMatch(/^\d+-\d+$/);
    } finally {
      await switchTo(false);
    }
  });

  it('closes open streams when the server shuts down', async () => {
    const other = createTestContext(database);
    const otherApp = await buildHttpApp(other.ctx, { serveWeb: false });
    await otherApp.listen({ port: 0, host: '127.0.0.1' });
    const address = otherApp.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const viewer = await signInAs(otherApp, other.ctx, 'viewer');
    const stream = await openSse(`http://127.0.0.1:${port}/api/events`, viewer.headers);
    expect(stream.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    await expect(other.ctx.metrics.sseClients.get()).resolves.toMatchObject({ values: [{ value: 1 }] });
    const started = Date.now();
    await otherApp.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    stream.close();
    await other.close();
  });
});

describe('memory event bus (embedded mode)', () => {
  it('says a replay is incomplete once the events after the given id were dropped', async () => {
    const bus = new MemoryEventBus(3);
    const first = await bus.publish({ type: 'a' });
    for (const type of ['b', 'c', 'd', 'e']) await bus.publish({ type });
    const replay = await bus.since(first.id);
    expect(replay.complete).toBe(false);
    expect(replay.events.map((e) => e.type)).toEqual(['c', 'd', 'e']);
    const recent = await bus.since(replay.events[0]!.id);
    expect(recent).toMatchObject({ complete: true });
    expect(recent.events.map((e) => e.type)).toEqual(['d', 'e']);
  });
});
