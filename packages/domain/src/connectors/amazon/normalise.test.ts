import { describe, expect, it } from 'vitest';
import { orderRecordSchema } from '../../records/index';
import type { AmazonOrder, AmazonOrderItem } from './amazon-types';
import { amazonMarketplace } from './marketplaces';
import { normaliseAmazonInventory } from './normalise-inventory';
import { amazonOrderStatus, normaliseAmazonOrder } from './normalise-order';

const uk = {
  marketplaceId: 'A1F83G8C2ARO7P',
  channelCode: 'amazon-uk',
  locationCode: 'FBA-UK',
  source: 'amazon',
};
const gbp = (Amount: string) => ({ CurrencyCode: 'GBP', Amount });

/** The contract document's example order and item. */
const order: AmazonOrder = {
  AmazonOrderId: '902-3159896-1390916',
  PurchaseDate: '2024-04-20T19:49:35Z',
  LastUpdateDate: '2024-04-21T08:10:00Z',
  OrderStatus: 'Shipped',
  FulfillmentChannel: 'AFN',
  MarketplaceId: 'A1F83G8C2ARO7P',
  OrderTotal: gbp('41.98'),
};
const item: AmazonOrderItem = {
  ASIN: 'B07XYZ1234',
  OrderItemId: '68828574383266',
  SellerSKU: 'WIDGET-RED-L',
  QuantityOrdered: 2,
  ItemPrice: gbp('39.98'),
  ItemTax: gbp('6.66'),
  PromotionDiscount: gbp('0.00'),
};

describe('Amazon orders → order records', () => {
  it('takes VAT out of UK prices and keeps amounts exact', () => {
    const { records, rejections, skipped } = normaliseAmazonOrder(order, [item], uk);
    expect({ rejections, skipped }).toEqual({ rejections: [], skipped: [] });
    expect(records).toEqual([
      {
        source: 'amazon',
        externalId: '902-3159896-1390916',
        channelCode: 'amazon-uk',
        orderDate: '2024-04-20',
        orderedAt: '2024-04-20T19:49:35Z',
        status: 'shipped',
        currency: 'GBP',
        lines: [
          {
            lineKey: '68828574383266',
            sku: 'WIDGET-RED-L',
            quantity: 2,
            unitPriceMinor: 1666,
            discountMinor: 0,
            netAmountMinor: 3332,
          },
        ],
        sourceUpdatedAt: '2024-04-21T08:10:00Z',
      },
    ]);
    expect(orderRecordSchema.safeParse(records[0]).success).toBe(true);
  });

  it('leaves US prices as they are (tax is added on top) and subtracts promotions', () => {
    const us = { ...uk, marketplaceId: 'ATVPDKIKX0DER', channelCode: 'amazon-us' };
    const usd = (Amount: string) => ({ CurrencyCode: 'USD', Amount });
    const result = normaliseAmazonOrder(
      { ...order, MarketplaceId: 'ATVPDKIKX0DER', OrderTotal: usd('45.00') },
      [{ ...item, ItemPrice: usd('40.00'), ItemTax: usd('3.20'), PromotionDiscount: usd('5.00') }],
      us,
    );
    expect(result.records[0]!.lines[0]).toMatchObject({
      unitPriceMinor: 2000,
      discountMinor: 500,
      netAmountMinor: 3500,
    });
  });

  it('skips pending orders, which have no prices yet', () => {
    const result = normaliseAmazonOrder(
      { ...order, OrderStatus: 'Pending', OrderTotal: undefined },
      [{ ...item, ItemPrice: undefined, ItemTax: undefined, PromotionDiscount: undefined }],
      uk,
    );
    expect(result.records).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/pending order/);
  });

  it('rejects an item without SellerSKU and amounts in another currency', () => {
    expect(
      normaliseAmazonOrder(order, [{ ...item, SellerSKU: undefined }], uk).rejections[0]?.reason,
    ).toMatch(/no SellerSKU/);
    expect(
      normaliseAmazonOrder(order, [{ ...item, ItemTax: { CurrencyCode: 'EUR', Amount: '1.00' } }], uk)
        .rejections[0]?.reason,
    ).toMatch(/EUR on an order in GBP/);
  });

  it('maps every order status', () => {
    expect(
      [
        'PendingAvailability',
        'Pending',
        'Unshipped',
        'PartiallyShipped',
        'Shipped',
        'InvoiceUnconfirmed',
        'Canceled',
        'Unfulfillable',
      ].map(amazonOrderStatus),
    ).toEqual(['pending', 'pending', 'paid', 'paid', 'shipped', 'shipped', 'cancelled', 'cancelled']);
  });

  it('knows marketplaces by id or country', () => {
    expect(amazonMarketplace('GB')?.id).toBe('A1F83G8C2ARO7P');
    expect(amazonMarketplace('ATVPDKIKX0DER')?.region).toBe('na');
    expect(amazonMarketplace('XX')).toBeUndefined();
  });
});

describe('FBA inventory summaries → stock levels', () => {
  it('reads the contract example', () => {
    const result = normaliseAmazonInventory(
      [
        {
          asin: 'B07XYZ1234',
          sellerSku: 'WIDGET-RED-L',
          lastUpdatedTime: '2024-04-21T08:10:00Z',
          totalQuantity: 140,
          inventoryDetails: {
            fulfillableQuantity: 120,
            inboundWorkingQuantity: 0,
            inboundShippedQuantity: 10,
            inboundReceivingQuantity: 5,
            reservedQuantity: { totalReservedQuantity: 5 },
            unfulfillableQuantity: { totalUnfulfillableQuantity: 0 },
          },
        },
        { asin: 'B0', totalQuantity: 1 },
      ],
      uk,
      '2024-04-21',
    );
    expect(result.records).toEqual([
      {
        source: 'amazon',
        sku: 'WIDGET-RED-L',
        locationCode: 'FBA-UK',
        asOf: '2024-04-21',
        onHand: 125,
        allocated: 5,
        inbound: 15,
        sourceUpdatedAt: '2024-04-21T08:10:00Z',
      },
    ]);
    expect(result.rejections).toEqual([{ key: 'asin B0', reason: 'inventory summary without a sellerSku' }]);
  });
});
