import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext } from '../../../test-support/app-context';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { setSandbox } from '../../sync/connector-state';
import { shopifyConnector } from './shopify-connector';
import { SANDBOX_SHOPIFY_TOKEN, sandboxShopUrl } from './shopify-sandbox';
import { ShopifySimulator } from './shopify-simulator';
import { startTestShopify, storedOrders, sync, TEST_DATASET } from './shopify-test-kit';

let simulator: ShopifySimulator;
let database: Awaited<ReturnType<typeof createPgliteTestDatabase>>;

beforeAll(async () => {
  simulator = await startTestShopify({
    accessTokens: { [SANDBOX_SHOPIFY_TOKEN]: ShopifySimulator.allScopes() },
  });
  database = await createPgliteTestDatabase();
});
afterAll(async () => {
  await simulator?.stop();
  await database?.close();
});

it('a sandbox connection uses the simulator at SHOPIFY_SANDBOX_URL instead of starting its own', async () => {
  const testContext = createTestContext(database, {
    env: { SHOPIFY_SANDBOX_URL: `${simulator.server.url}/` },
  });
  try {
    const { ctx } = testContext;
    expect(await sandboxShopUrl(ctx, TEST_DATASET, 'sentia-uk-sandbox.myshopify.com')).toBe(
      simulator.shopUrl('sentia-uk-sandbox.myshopify.com'),
    );
    await setSandbox(ctx.db, 'shopify', { enabled: true, dataset: TEST_DATASET });
    const result = await sync(ctx, shopifyConnector, 'full');
    expect(result.status).toBe('succeeded');
    const served = simulator.server.requests((r) => r.body.includes('query Orders(')).length;
    expect(served).toBeGreaterThan(0);
    const total = ['uk', 'eu', 'us']
      .map((region) => simulator.shop(`sentia-${region}-sandbox.myshopify.com`).orders.size)
      .reduce((a, b) => a + b, 0);
    // Written as demo data, as every sandbox sync is.
    expect(await storedOrders(ctx.db, 'demo')).toHaveLength(total);
  } finally {
    await testContext.inProcessJobs?.whenIdle();
    await testContext.close();
  }
});
