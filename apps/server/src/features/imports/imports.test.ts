import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { describeImportsBehaviour, type ImportsHarness, seedDemoCatalogue } from './imports-behaviour';

describe('spreadsheet imports on PGlite (embedded mode, in-process jobs)', () => {
  let database: DatabaseHandle;
  let context: ReturnType<typeof createTestContext>;
  let harness: ImportsHarness;

  beforeAll(async () => {
    database = await createPgliteTestDatabase();
    context = createTestContext(database);
    await seedDemoCatalogue(database.db);
    const app = await buildHttpApp(context.ctx, { serveWeb: false });
    harness = {
      app,
      ctx: context.ctx,
      admin: (await signInAs(app, context.ctx, 'admin')).headers,
      viewer: (await signInAs(app, context.ctx, 'viewer')).headers,
    };
  });

  afterAll(async () => {
    await harness?.app.close();
    await context?.close();
    await database?.close();
  });

  describeImportsBehaviour(() => harness);
});
