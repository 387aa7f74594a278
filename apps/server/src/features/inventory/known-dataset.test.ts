import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { describeKnownDatasetBehaviour, type KnownDatasetHarness, seedKnownDataset } from './known-dataset';

describe('inventory plan of a known dataset on PGlite (embedded mode)', () => {
  let database: DatabaseHandle;
  let context: ReturnType<typeof createTestContext>;
  let harness: KnownDatasetHarness;

  beforeAll(async () => {
    database = await createPgliteTestDatabase();
    // The plan forecasts on its own; the stored forecast runs an import would start are not needed here.
    context = createTestContext(database, { env: { FEATURE_FORECASTING: 'false' } });
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
    await database?.close();
  });

  describeKnownDatasetBehaviour(() => harness);
});
