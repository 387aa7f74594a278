import { parseDecimalToMinor } from '../../money/money';
import type { OrderLineRecord, OrderRecord, OrderStatus, RefundRecord } from '../../records/index';
import { gidTail, localDate } from './shopify-ids';
import type { Normalised, ShopifyGqlOrder, ShopifyRestOrder, ShopifyStoreContext } from './shopify-types';

/**
 * Shopify orders → our order records. GraphQL (syncs) and REST JSON (webhooks) give the same facts
 * in two shapes; both are reduced to `OrderFacts` first, so an order reads the same whichever way
 * it arrived. Amounts are the shop-currency decimal strings, parsed exactly.
 */
interface OrderFacts {
  gid: string;
  createdAt: string;
  updatedAt: string;
  cancelled: boolean;
  currency: string;
  taxesIncluded: boolean;
  financial: string;
  fulfillment: string;
  lines: {
    gid: string;
    sku: string | null;
    quantity: number;
    unit: string;
    discount: string;
    tax: string[];
  }[];
  refunds: { gid: string; createdAt: string; note: string | null; amount: string[] }[];
}

export function normaliseShopifyOrders(
  orders: readonly ShopifyGqlOrder[],
  store: ShopifyStoreContext,
): Normalised<OrderRecord> {
  return normaliseAll(orders.map(factsFromGraphql), store);
}

export function normaliseShopifyRestOrders(
  orders: readonly ShopifyRestOrder[],
  store: ShopifyStoreContext,
): Normalised<OrderRecord> {
  return normaliseAll(orders.map(factsFromRest), store);
}

function factsFromGraphql(order: ShopifyGqlOrder): OrderFacts {
  return {
    gid: order.id,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    cancelled: order.cancelledAt !== null,
    currency: order.currencyCode,
    taxesIncluded: order.taxesIncluded,
    financial: (order.displayFinancialStatus ?? '').toUpperCase(),
    fulfillment: (order.displayFulfillmentStatus ?? '').toUpperCase(),
    lines: order.lineItems.nodes.map((l) => ({
      gid: l.id,
      sku: l.sku,
      quantity: l.quantity,
      unit: l.originalUnitPriceSet.shopMoney.amount,
      discount: l.totalDiscountSet.shopMoney.amount,
      tax: l.taxLines.map((t) => t.priceSet.shopMoney.amount),
    })),
    refunds: order.refunds.map((r) => ({
      gid: r.id,
      createdAt: r.createdAt,
      note: r.note,
      amount: [r.totalRefundedSet.shopMoney.amount],
    })),
  };
}

/** REST statuses are lower-case (`partially_refunded`) and fulfilment `null` means unfulfilled. */
function factsFromRest(order: ShopifyRestOrder): OrderFacts {
  return {
    gid: order.admin_graphql_api_id,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    cancelled: order.cancelled_at !== null,
    currency: order.currency,
    taxesIncluded: order.taxes_included ?? false,
    financial: (order.financial_status ?? '').toUpperCase(),
    fulfillment: order.fulfillment_status === 'fulfilled' ? 'FULFILLED' : 'UNFULFILLED',
    lines: order.line_items.map((l) => ({
      gid: l.admin_graphql_api_id,
      sku: l.sku,
      quantity: l.quantity,
      unit: l.price,
      discount: l.total_discount,
      tax: (l.tax_lines ?? []).map((t) => t.price),
    })),
    refunds: (order.refunds ?? []).map((r) => ({
      gid: r.admin_graphql_api_id,
      createdAt: r.created_at,
      note: r.note,
      amount: (r.transactions ?? [])
        .filter((t) => t.kind === 'refund' && t.status === 'success')
        .map((t) => t.amount),
    })),
  };
}

/**
 * Our order status from Shopify's: cancelled or voided orders are `cancelled`, fully refunded ones
 * `refunded`, unpaid ones `pending`; paid (or partly refunded) orders are `shipped` once fulfilled,
 * else `paid`. Partial refunds keep the status and appear as refund entries.
 */
export function shopifyOrderStatus(cancelled: boolean, financial: string, fulfillment: string): OrderStatus {
  if (cancelled || financial === 'VOIDED') return 'cancelled';
  if (financial === 'REFUNDED') return 'refunded';
  if (financial === 'PAID' || financial === 'PARTIALLY_REFUNDED') {
    return fulfillment === 'FULFILLED' ? 'shipped' : 'paid';
  }
  return 'pending';
}

function normaliseAll(all: OrderFacts[], store: ShopifyStoreContext): Normalised<OrderRecord> {
  const out: Normalised<OrderRecord> = { records: [], rejections: [] };
  for (const facts of all) {
    const key = `${store.source}:${gidTail(facts.gid)}`;
    try {
      const record = toRecord(facts, store);
      if (typeof record === 'string') out.rejections.push({ key, reason: record });
      else out.records.push(record);
    } catch (error) {
      out.rejections.push({ key, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

function toRecord(facts: OrderFacts, store: ShopifyStoreContext): OrderRecord | string {
  const currency = facts.currency;
  const minor = (amount: string) => parseDecimalToMinor(amount, currency);
  const lines: OrderLineRecord[] = [];
  for (const line of facts.lines) {
    if (line.quantity <= 0) continue; // removed by an order edit
    if (!line.sku) return `line ${gidTail(line.gid)} has no SKU: give the variant a SKU in Shopify`;
    const unit = minor(line.unit);
    const discount = minor(line.discount);
    const gross = line.quantity * unit;
    const tax = line.tax.reduce((sum, t) => sum + minor(t), 0);
    if (!facts.taxesIncluded) {
      lines.push({
        lineKey: gidTail(line.gid),
        sku: line.sku,
        quantity: line.quantity,
        unitPriceMinor: unit,
        discountMinor: discount,
        netAmountMinor: gross - discount,
      });
      continue;
    }
    // Prices include tax (typical for UK and EU stores): revenue is the charged amount less its tax;
    // unit price and discount are shown net of the same tax share.
    const charged = gross - discount;
    const exTax = charged - tax;
    const share = charged === 0 ? 1 : exTax / charged;
    lines.push({
      lineKey: gidTail(line.gid),
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: Math.round(unit * share),
      discountMinor: Math.round(discount * share),
      netAmountMinor: exTax,
    });
  }
  if (lines.length === 0) return 'the order has no line with a quantity';
  const refunds: RefundRecord[] = facts.refunds
    .map((r) => ({
      externalId: gidTail(r.gid),
      refundedAt: r.createdAt,
      amountMinor: r.amount.reduce((sum, a) => sum + minor(a), 0),
      ...(r.note ? { reason: r.note.slice(0, 1000) } : {}),
    }))
    .filter((r) => r.amountMinor > 0);
  return {
    source: store.source,
    externalId: gidTail(facts.gid),
    channelCode: store.channelCode,
    orderDate: localDate(facts.createdAt, store.timeZone),
    orderedAt: facts.createdAt,
    status: shopifyOrderStatus(facts.cancelled, facts.financial, facts.fulfillment),
    currency,
    lines,
    ...(refunds.length > 0 ? { refunds } : {}),
    sourceUpdatedAt: facts.updatedAt,
  };
}
