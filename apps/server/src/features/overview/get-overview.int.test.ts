import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl } from '../../test-support/services';
import { describeOverviewBehaviour, seedOverviewFixture } from './overview-fixture';

describeWithServices({ postgres: true }, 'executive overview on PostgreSQL', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    await seedOverviewFixture(database.handle.db);
  });
  afterAll(async () => database?.drop());
  describeOverviewBehaviour(() => database.handle.db);
});
