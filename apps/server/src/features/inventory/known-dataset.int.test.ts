import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl } from '../../test-support/services';
import { describeKnownDatasetBehaviour, type KnownDatasetHarness, seedKnownDataset } from './known-dataset';

/** The known dataset imported through the CSV import into real PostgreSQL; figures checked by hand. */
describeWithServices({ postgres: true }, 'inventory plan of a known dataset on PostgreSQL', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  let context: ReturnType<typeof createTestContext>;
  let harness: KnownDatasetHarness;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    // The plan forecasts on its own; the stored forecast runs an import would start are not needed here.
    context = createTestContext(database.handle, { env: { FEATURE_FORECASTING: 'false' } });
    const app = await buildHttpApp(context.ctx, { serveWeb: false });
    const as = async (role: string) => (await signInAs(app, context.ctx, role)).headers;
    harness = {
      app,
      ctx: context.ctx,
      admin: await as('admin'),
      planner: await as('planner'),
      viewer: await as('viewer'),
      manager: await as('manager'),
      finance: await as('finance'),
    };
    await seedKnownDataset(harness);
  }, 120_000);

  afterAll(async () => {
    await harness?.app.close();
    await context?.close();
    await database?.drop();
  });

  describeKnownDatasetBehaviour(() => harness);
});
