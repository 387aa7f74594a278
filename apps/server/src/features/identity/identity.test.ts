import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestContext } from '../../test-support/app-context';
import { createPgliteTestDatabase } from '../../test-support/database';
import { describeIdentityBehaviour } from './identity-behaviour';

describe('identity and access on PGlite (embedded mode)', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createPgliteTestDatabase();
  });
  afterAll(async () => database?.close());
  const logLines: string[] = [];
  describeIdentityBehaviour({
    context: async (env) => createTestContext(database, { env: env ?? {}, logLines }),
    sharedRateLimits: false,
    logLines,
  });
});
