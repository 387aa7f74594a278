import { describe, expect, it } from 'vitest';
import { orderRecordSchema } from '../../records/index';
import { normaliseShopifyOrders, normaliseShopifyRestOrders, shopifyOrderStatus } from './normalise-order';
import { gidTail, localDate } from './shopify-ids';
import type { ShopifyGqlOrder, ShopifyRestOrder } from './shopify-types';

const store = { channelCode: 'shopify-us', timeZone: 'America/New_York', source: 'shopify' };
const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: 'USD' } });

/** The contract document's example order (#1001), as GraphQL returns it. */
function gqlOrder(overrides: Partial<ShopifyGqlOrder> = {}): ShopifyGqlOrder {
  return {
    id: 'gid://shopify/Order/450789469',
    name: '#1001',
    createdAt: '2024-03-14T02:09:54Z',
    updatedAt: '2024-03-15T13:00:00Z',
    cancelledAt: null,
    currencyCode: 'USD',
    taxesIncluded: false,
    displayFinancialStatus: 'PARTIALLY_REFUNDED',
    displayFulfillmentStatus: 'FULFILLED',
    lineItems: {
      nodes: [
        {
          id: 'gid://shopify/LineItem/466157049',
          sku: 'WIDGET-RED-L',
          quantity: 2,
          originalUnitPriceSet: usd('99.50'),
          totalDiscountSet: usd('0.00'),
          taxLines: [{ priceSet: usd('10.00') }],
        },
      ],
    },
    refunds: [
      {
        id: 'gid://shopify/Refund/509562969',
        createdAt: '2024-03-15T13:00:00Z',
        note: 'damaged',
        totalRefundedSet: usd('52.25'),
      },
    ],
    ...overrides,
  };
}

/** The same order as a webhook delivers it (REST JSON, lower-case statuses, numeric ids). */
const restOrder: ShopifyRestOrder = {
  id: 450789469,
  admin_graphql_api_id: 'gid://shopify/Order/450789469',
  name: '#1001',
  created_at: '2024-03-13T22:09:54-04:00',
  updated_at: '2024-03-15T09:00:00-04:00',
  cancelled_at: null,
  currency: 'USD',
  taxes_included: false,
  financial_status: 'partially_refunded',
  fulfillment_status: 'fulfilled',
  line_items: [
    {
      id: 466157049,
      admin_graphql_api_id: 'gid://shopify/LineItem/466157049',
      sku: 'WIDGET-RED-L',
      quantity: 2,
      price: '99.50',
      total_discount: '0.00',
      tax_lines: [{ price: '10.00' }],
    },
  ],
  refunds: [
    {
      id: 509562969,
      admin_graphql_api_id: 'gid://shopify/Refund/509562969',
      created_at: '2024-03-15T09:00:00-04:00',
      note: 'damaged',
      transactions: [
        { kind: 'refund', status: 'success', amount: '52.25' },
        { kind: 'refund', status: 'failure', amount: '52.25' },
      ],
    },
  ],
};

describe('Shopify orders → order records', () => {
  it('normalises the contract example exactly: ids as strings, money from decimal text, store-local date', () => {
    const { records, rejections } = normaliseShopifyOrders([gqlOrder()], store);
    expect(rejections).toEqual([]);
    expect(records).toEqual([
      {
        source: 'shopify',
        externalId: '450789469',
        channelCode: 'shopify-us',
        // 02:09 UTC on the 14th is the evening of the 13th in New York: the store's business date.
        orderDate: '2024-03-13',
        orderedAt: '2024-03-14T02:09:54Z',
        status: 'shipped',
        currency: 'USD',
        lines: [
          {
            lineKey: '466157049',
            sku: 'WIDGET-RED-L',
            quantity: 2,
            unitPriceMinor: 9950,
            discountMinor: 0,
            netAmountMinor: 19900,
          },
        ],
        refunds: [
          {
            externalId: '509562969',
            refundedAt: '2024-03-15T13:00:00Z',
            amountMinor: 5225,
            reason: 'damaged',
          },
        ],
        sourceUpdatedAt: '2024-03-15T13:00:00Z',
      },
    ]);
    expect(orderRecordSchema.safeParse(records[0]).success).toBe(true);
  });

  it('reads a webhook (REST) payload into the same record as the GraphQL one', () => {
    const fromRest = normaliseShopifyRestOrders([restOrder], store).records[0]!;
    const fromGql = normaliseShopifyOrders([gqlOrder()], store).records[0]!;
    expect({ ...fromRest, orderedAt: undefined, sourceUpdatedAt: undefined, refunds: undefined }).toEqual({
      ...fromGql,
      orderedAt: undefined,
      sourceUpdatedAt: undefined,
      refunds: undefined,
    });
    expect(Date.parse(fromRest.orderedAt)).toBe(Date.parse(fromGql.orderedAt));
    expect(fromRest.refunds?.[0]?.amountMinor).toBe(5225);
  });

  it('takes tax out of tax-inclusive prices (UK/EU stores)', () => {
    const order = gqlOrder({
      currencyCode: 'GBP',
      taxesIncluded: true,
      refunds: [],
      lineItems: {
        nodes: [
          {
            id: 'gid://shopify/LineItem/1',
            sku: 'GIN-70',
            quantity: 3,
            originalUnitPriceSet: { shopMoney: { amount: '36.00', currencyCode: 'GBP' } },
            totalDiscountSet: { shopMoney: { amount: '6.00', currencyCode: 'GBP' } },
            taxLines: [{ priceSet: { shopMoney: { amount: '17.00', currencyCode: 'GBP' } } }],
          },
        ],
      },
    });
    const [line] = normaliseShopifyOrders([order], { ...store, timeZone: 'Europe/London' }).records[0]!.lines;
    // Charged 3 × 36.00 − 6.00 = 102.00 including 17.00 VAT: revenue 85.00.
    expect(line).toMatchObject({ netAmountMinor: 8500, unitPriceMinor: 3000, discountMinor: 500 });
  });

  it('rejects an order with a line without SKU, saying what to fix', () => {
    const order = gqlOrder();
    order.lineItems.nodes[0]!.sku = null;
    const { records, rejections } = normaliseShopifyOrders([order], store);
    expect(records).toEqual([]);
    expect(rejections).toEqual([
      { key: 'shopify:450789469', reason: 'line 466157049 has no SKU: give the variant a SKU in Shopify' },
    ]);
  });

  it('rejects a malformed amount instead of guessing', () => {
    const order = gqlOrder();
    order.lineItems.nodes[0]!.originalUnitPriceSet = usd('12,50');
    expect(normaliseShopifyOrders([order], store).rejections[0]?.reason).toMatch(/not a decimal amount/);
  });

  it('drops lines removed by an order edit (quantity 0)', () => {
    const order = gqlOrder();
    order.lineItems.nodes.push({ ...order.lineItems.nodes[0]!, id: 'gid://shopify/LineItem/2', quantity: 0 });
    expect(normaliseShopifyOrders([order], store).records[0]!.lines).toHaveLength(1);
  });

  it('maps statuses: cancelled, refunded, pending, paid, shipped', () => {
    expect(shopifyOrderStatus(true, 'PAID', 'FULFILLED')).toBe('cancelled');
    expect(shopifyOrderStatus(false, 'VOIDED', 'UNFULFILLED')).toBe('cancelled');
    expect(shopifyOrderStatus(false, 'REFUNDED', 'FULFILLED')).toBe('refunded');
    expect(shopifyOrderStatus(false, 'AUTHORIZED', 'UNFULFILLED')).toBe('pending');
    expect(shopifyOrderStatus(false, 'PAID', 'UNFULFILLED')).toBe('paid');
    expect(shopifyOrderStatus(false, 'PARTIALLY_REFUNDED', 'FULFILLED')).toBe('shipped');
  });

  it('keeps ids beyond 2^53 exact', () => {
    expect(gidTail('gid://shopify/Order/820982911946154508')).toBe('820982911946154508');
    expect(gidTail('gid://shopify/InventoryLevel/123?inventory_item_id=456')).toBe('123');
  });

  it('computes business dates in the store time zone', () => {
    expect(localDate('2024-06-30T23:30:00Z', 'Europe/London')).toBe('2024-07-01');
    expect(localDate('2024-06-30T23:30:00Z', 'UTC')).toBe('2024-06-30');
  });
});
