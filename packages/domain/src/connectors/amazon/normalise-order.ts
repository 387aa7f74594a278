import { parseDecimalToMinor } from '../../money/money';
import type { OrderLineRecord, OrderRecord, OrderStatus } from '../../records/index';
import type {
  AmazonMarketplaceContext,
  AmazonMoney,
  AmazonNormalised,
  AmazonOrder,
  AmazonOrderItem,
} from './amazon-types';
import { amazonMarketplace } from './marketplaces';

/** Our status from Amazon's: shipped is `shipped`, paid but not yet shipped `paid`. */
export function amazonOrderStatus(status: string): OrderStatus {
  switch (status) {
    case 'Shipped':
    case 'InvoiceUnconfirmed':
      return 'shipped';
    case 'Unshipped':
    case 'PartiallyShipped':
      return 'paid';
    case 'Canceled':
    case 'Unfulfillable':
      return 'cancelled';
    default:
      return 'pending';
  }
}

/**
 * An Amazon order and its items → an order record. `ItemPrice` is the line total; in tax-inclusive
 * marketplaces (UK, EU) revenue is `ItemPrice − ItemTax − (PromotionDiscount − PromotionDiscountTax)`,
 * elsewhere `ItemPrice − PromotionDiscount`. Shipping and gift wrap are not product revenue.
 * Pending orders carry no prices yet: they are skipped and arrive again, priced, once Amazon updates
 * them. The Orders API has no refunds (they live in the Finances API), so records carry none.
 */
export function normaliseAmazonOrder(
  order: AmazonOrder,
  items: readonly AmazonOrderItem[],
  context: AmazonMarketplaceContext,
): AmazonNormalised<OrderRecord> {
  const key = `${context.source}:${order.AmazonOrderId}`;
  const out: AmazonNormalised<OrderRecord> = { records: [], rejections: [], skipped: [] };
  const status = amazonOrderStatus(order.OrderStatus);
  const marketplace = amazonMarketplace(order.MarketplaceId ?? context.marketplaceId);
  const priced = items.filter((i) => i.QuantityOrdered > 0 && i.ItemPrice);
  if (priced.length === 0) {
    out.skipped.push({
      key,
      reason:
        status === 'pending'
          ? 'pending order: Amazon gives its prices once payment is authorised'
          : 'no item with a quantity and a price',
    });
    return out;
  }
  try {
    const currency = order.OrderTotal?.CurrencyCode ?? priced[0]!.ItemPrice!.CurrencyCode;
    const amount = (money: AmazonMoney | undefined) => {
      if (!money) return 0;
      if (money.CurrencyCode !== currency) {
        throw new RangeError(`item amount in ${money.CurrencyCode} on an order in ${currency}`);
      }
      return parseDecimalToMinor(money.Amount, currency);
    };
    const taxInclusive = marketplace?.taxInclusive ?? false;
    const lines: OrderLineRecord[] = [];
    for (const item of priced) {
      const sku = item.SellerSKU?.trim();
      if (!sku) {
        out.rejections.push({ key, reason: `item ${item.OrderItemId} (ASIN ${item.ASIN}) has no SellerSKU` });
        return out;
      }
      const gross = amount(item.ItemPrice) - (taxInclusive ? amount(item.ItemTax) : 0);
      const discount =
        amount(item.PromotionDiscount) - (taxInclusive ? amount(item.PromotionDiscountTax) : 0);
      lines.push({
        lineKey: item.OrderItemId,
        sku,
        quantity: item.QuantityOrdered,
        unitPriceMinor: Math.round(gross / item.QuantityOrdered),
        discountMinor: Math.max(0, discount),
        netAmountMinor: gross - discount,
      });
    }
    out.records.push({
      source: context.source,
      externalId: order.AmazonOrderId,
      channelCode: context.channelCode,
      orderDate: order.PurchaseDate.slice(0, 10),
      orderedAt: order.PurchaseDate,
      status,
      currency,
      lines,
      sourceUpdatedAt: order.LastUpdateDate,
    });
  } catch (error) {
    out.rejections.push({ key, reason: error instanceof Error ? error.message : String(error) });
  }
  return out;
}
