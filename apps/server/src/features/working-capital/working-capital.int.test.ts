import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl } from '../../test-support/services';
import { describeWorkingCapitalBehaviour, seedWorkingCapitalFixture } from './working-capital-fixture';

describeWithServices({ postgres: true }, 'working capital on PostgreSQL', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    await seedWorkingCapitalFixture(database.handle.db);
  });
  afterAll(async () => database?.drop());
  describeWorkingCapitalBehaviour(() => database.handle.db);
});
