import type { DatabaseHandle } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test-support/app-context';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { SYSTEM_ACTOR } from '../../audit/record-audit';
import { saveCredentials } from '../../sync/credentials';
import { amazonConnector } from '../amazon/amazon-connector';
import { readAmazonSettings } from '../amazon/amazon-settings';
import { shopifyConnector } from '../shopify/shopify-connector';
import { readShopifySettings } from '../shopify/shopify-settings';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createPgliteTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('connector settings from the environment and from the app', () => {
  it('Shopify: stores from SHOPIFY_SHOP_* and SHOPIFY_ACCESS_TOKEN_*, the app’s entries winning', async () => {
    const { ctx, close } = createTestContext(database, {
      env: {
        SHOPIFY_SHOP_UK: 'sentia-uk.myshopify.com',
        SHOPIFY_ACCESS_TOKEN_UK: 'shpat_env_uk',
        SHOPIFY_SHOP_US: 'not-a-shop.example.com',
        SHOPIFY_ACCESS_TOKEN_US: 'shpat_env_us',
        SHOPIFY_API_SECRET: 'shpss_env',
      },
    });
    try {
      expect(await shopifyConnector.configuration(ctx)).toEqual({
        state: 'configured',
        source: 'environment',
        detail: '1 store: UK (sentia-uk.myshopify.com)',
      });
      await saveCredentials(ctx, SYSTEM_ACTOR, shopifyConnector, {
        tokenUK: 'shpat_app_uk',
        shopEU: 'sentia-eu.myshopify.com',
        tokenEU: 'shpat_app_eu',
      });
      const settings = await readShopifySettings(ctx);
      expect(settings.stores.map((s) => [s.region, s.domain, s.token, s.channelCode, s.baseUrl])).toEqual([
        ['UK', 'sentia-uk.myshopify.com', 'shpat_app_uk', 'shopify-uk', 'https://sentia-uk.myshopify.com'],
        ['EU', 'sentia-eu.myshopify.com', 'shpat_app_eu', 'shopify-eu', 'https://sentia-eu.myshopify.com'],
      ]);
      expect(settings.webhookSecrets).toEqual(['shpss_env']);
      expect((await shopifyConnector.configuration(ctx)).source).toBe('app');
    } finally {
      await close();
    }
  });

  it('Amazon: LWA client and refresh tokens per region, marketplaces mapped to channels and FBA locations', async () => {
    const { ctx, close } = createTestContext(database, {
      env: {
        AMAZON_CLIENT_ID: 'amzn1.application-oa2-client.abc',
        AMAZON_CLIENT_SECRET: 'amzn1.oa2-cs.v1.secret',
        AMAZON_REFRESH_TOKEN_EU: 'Atzr|eu',
        AMAZON_MARKETPLACES: 'UK,DE,FR,US',
      },
    });
    try {
      const settings = await readAmazonSettings(ctx);
      expect('missing' in settings).toBe(false);
      if ('missing' in settings) return;
      // No North American token: the US marketplace is not synced.
      expect(settings.regions).toEqual([
        {
          region: 'eu',
          refreshToken: 'Atzr|eu',
          endpoint: 'https://sellingpartnerapi-eu.amazon.com',
          marketplaces: [
            { marketplaceId: 'A1F83G8C2ARO7P', channelCode: 'amazon-uk', locationCode: 'FBA-UK' },
            { marketplaceId: 'A1PA6795UKMFR9', channelCode: 'amazon-eu', locationCode: 'FBA-EU' },
            { marketplaceId: 'A13V1IB3VIYZZH', channelCode: 'amazon-eu', locationCode: 'FBA-EU' },
          ],
        },
      ]);
      expect(await amazonConnector.configuration(ctx)).toMatchObject({
        state: 'configured',
        detail: 'Marketplaces UK, DE, FR',
      });
    } finally {
      await close();
    }
  });

  it('says what is missing when not configured', async () => {
    const { ctx, close } = createTestContext(database, { env: { AMAZON_MARKETPLACES: 'UK,XX' } });
    try {
      expect(await amazonConnector.configuration(ctx)).toMatchObject({
        state: 'not_configured',
        detail: expect.stringMatching(/AMAZON_CLIENT_ID/),
      });
      await database.db.execute(sql`delete from connector_credentials`);
      expect(await shopifyConnector.configuration(ctx)).toMatchObject({
        state: 'not_configured',
        detail: expect.stringMatching(/SHOPIFY_SHOP_UK/),
      });
    } finally {
      await close();
    }
  });
});
