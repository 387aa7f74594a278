import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll } from 'vitest';
import { createTestContext } from '../../test-support/app-context';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../test-support/services';
import { describeIdentityBehaviour } from './identity-behaviour';

describeWithServices({ postgres: true, redis: true }, 'identity and access on PostgreSQL and Redis', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
  });
  afterAll(async () => database?.drop());
  // Every context shares PostgreSQL and Redis (the same key prefix), as replicas do.
  const logLines: string[] = [];
  describeIdentityBehaviour({
    context: async (env) =>
      createTestContext(database.handle, {
        redisUrl: testRedisUrl!,
        bullmqPrefix: prefix,
        env: env ?? {},
        logLines,
      }),
    sharedRateLimits: true,
    logLines,
  });
});
