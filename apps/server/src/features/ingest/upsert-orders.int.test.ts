import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl } from '../../test-support/services';
import { describeUpsertOrders } from './upsert-orders-behaviour';

describeWithServices({ postgres: true }, "upsertOrders on PostgreSQL (new orders' lines by COPY)", () => {
  describeUpsertOrders('upsertOrders on PostgreSQL', async () => {
    const database = await createPostgresTestDatabase(testDatabaseUrl!);
    return { handle: database.handle, close: () => database.drop() };
  });
});
