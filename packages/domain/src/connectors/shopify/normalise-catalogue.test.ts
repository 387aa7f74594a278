import { describe, expect, it } from 'vitest';
import { stockLevelRecordSchema } from '../../records/index';
import { normaliseShopifyInventory, normaliseShopifyVariants } from './normalise-catalogue';
import type { ShopifyGqlVariant } from './shopify-types';

const variant: ShopifyGqlVariant = {
  id: 'gid://shopify/ProductVariant/39072856',
  sku: 'WIDGET-RED-L',
  price: '99.50',
  updatedAt: '2024-03-01T15:00:00Z',
  product: {
    id: 'gid://shopify/Product/632910392',
    title: 'Widget',
    status: 'ACTIVE',
    productType: 'Gin',
    updatedAt: '2024-03-02T10:00:00Z',
  },
  inventoryItem: {
    id: 'gid://shopify/InventoryItem/808950810',
    unitCost: { amount: '12.40', currencyCode: 'USD' },
    inventoryLevels: {
      nodes: [
        {
          location: { id: 'gid://shopify/Location/655441491', name: 'Newark 3PL' },
          updatedAt: '2024-03-14T16:00:00Z',
          quantities: [
            { name: 'available', quantity: 9 },
            { name: 'on_hand', quantity: 12 },
            { name: 'committed', quantity: 3 },
            { name: 'incoming', quantity: 24 },
          ],
        },
        {
          location: { id: 'gid://shopify/Location/1', name: 'Pop-up shop' },
          updatedAt: null,
          quantities: [{ name: 'on_hand', quantity: 1 }],
        },
      ],
    },
  },
};

describe('Shopify variants', () => {
  it('give the SKU, its store price and its cost, exactly', () => {
    expect(normaliseShopifyVariants([variant], 'USD')).toEqual({
      records: [
        {
          sku: 'WIDGET-RED-L',
          name: 'Widget',
          category: 'gin',
          active: true,
          currency: 'USD',
          priceMinor: 9950,
          unitCost: { minor: 1240, currency: 'USD' },
          updatedAt: '2024-03-02T10:00:00Z',
        },
      ],
      rejections: [],
    });
  });

  it('reject variants without SKU', () => {
    const result = normaliseShopifyVariants([{ ...variant, sku: ' ' }], 'USD');
    expect(result.rejections[0]?.reason).toMatch(/no SKU/);
  });

  it('give stock per mapped location, and name the locations that are not mapped', () => {
    const result = normaliseShopifyInventory([variant], {
      asOf: '2024-03-15',
      source: 'shopify',
      locationCode: (l) => (l.id === '655441491' ? 'WH-US' : undefined),
    });
    expect(result.records).toEqual([
      {
        source: 'shopify',
        sku: 'WIDGET-RED-L',
        locationCode: 'WH-US',
        asOf: '2024-03-15',
        onHand: 12,
        allocated: 3,
        inbound: 24,
        sourceUpdatedAt: '2024-03-14T16:00:00Z',
      },
    ]);
    expect(stockLevelRecordSchema.safeParse(result.records[0]).success).toBe(true);
    expect(result.rejections).toEqual([
      {
        key: 'WIDGET-RED-L@Pop-up shop',
        reason: 'Shopify location "Pop-up shop" (1) is not mapped to a location',
      },
    ]);
  });
});
