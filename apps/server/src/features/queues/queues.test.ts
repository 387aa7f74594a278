import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let app: Awaited<ReturnType<typeof buildHttpApp>>;

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database);
  app = await buildHttpApp(testContext.ctx, { serveWeb: false });
});
afterAll(async () => {
  await testContext?.inProcessJobs?.whenIdle();
  await app?.close();
  await testContext?.close();
  await database?.close();
});

describe('queues in embedded mode (in-process runner)', () => {
  it('GET /api/queues/status gives per queue counts, completed in the last hour and the one in-process worker', async () => {
    const viewer = (await signInAs(app, testContext.ctx, 'viewer')).headers;
    const response = await app.inject({ method: 'GET', url: '/api/queues/status', headers: viewer });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ kind: 'in-process', state: 'ok', board: null });
    for (const queue of ['analytics', 'sync', 'imports', 'maintenance']) {
      expect(body.queues.find((q: { queue: string }) => q.queue === queue)).toMatchObject({
        waiting: expect.any(Number),
        active: expect.any(Number),
        delayed: expect.any(Number),
        failed: expect.any(Number),
        completedLastHour: expect.any(Number),
        workers: 1,
      });
    }
  });

  it('the board path says there is no board in-process, to admins only', async () => {
    const admin = (await signInAs(app, testContext.ctx, 'admin')).headers;
    const viewer = (await signInAs(app, testContext.ctx, 'viewer')).headers;
    expect((await app.inject({ method: 'GET', url: '/api/admin/queues', headers: viewer })).statusCode).toBe(
      403,
    );
    const response = await app.inject({ method: 'GET', url: '/api/admin/queues', headers: admin });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ board: null, message: expect.stringMatching(/no queue board/) });
  });
});
