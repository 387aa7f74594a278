import { createPgliteTestDatabase } from '../../test-support/database';
import { describeUpsertOrders } from './upsert-orders-behaviour';

describeUpsertOrders('upsertOrders on PGlite', async () => {
  const handle = await createPgliteTestDatabase();
  return { handle, close: () => handle.close() };
});
