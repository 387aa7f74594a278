import { z } from 'zod';
import type { CurrencyCode } from '../money/money';
import {
  allDistinct,
  codeSchema,
  currencySchema,
  type IsoDate,
  type IsoDateTime,
  isoDateSchema,
  isoDateTimeSchema,
  minorSchema,
  nonNegativeMinorSchema,
  positiveQuantitySchema,
  type SourcedRecord,
  sourcedFields,
} from './common';

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] as const;
/**
 * `pending` not yet paid; `paid` paid, awaiting shipment; `shipped` fulfilled; `cancelled` before
 * fulfilment (not revenue); `refunded` fully refunded (not revenue). Partial refunds keep the
 * order's status and appear as refund entries.
 */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One product line of an order. Amounts are in the order's currency, excluding sales tax. */
export interface OrderLineRecord {
  /** The source's line id, or the line number: unique within the order. */
  lineKey: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  /** Discount on the whole line (promotions, trade discount), in minor units. Default 0. */
  discountMinor?: number;
  /** quantity × unit price − discount, excluding tax: what revenue is measured on. */
  netAmountMinor: number;
}

export const orderLineRecordSchema: z.ZodType<OrderLineRecord> = z.object({
  lineKey: codeSchema,
  sku: codeSchema,
  quantity: positiveQuantitySchema,
  unitPriceMinor: nonNegativeMinorSchema,
  discountMinor: nonNegativeMinorSchema.optional(),
  netAmountMinor: minorSchema,
});

/** Money given back on an order, in the order's currency. */
export interface RefundRecord {
  /** The source's refund id: unique per source. */
  externalId: string;
  refundedAt: IsoDateTime;
  amountMinor: number;
  reason?: string;
}

export const refundRecordSchema: z.ZodType<RefundRecord> = z.object({
  externalId: codeSchema,
  refundedAt: isoDateTimeSchema,
  amountMinor: nonNegativeMinorSchema,
  reason: z.string().max(1000).optional(),
});

/**
 * A sales order from any channel, with its lines and refunds. Written as a whole: lines and refunds
 * not listed are removed from the stored order (the record is the source's current view of it).
 */
export interface OrderRecord extends SourcedRecord {
  /** The source's order id (Shopify order id, AmazonOrderId, Unleashed OrderNumber): unique per source. */
  externalId: string;
  channelCode: string;
  /** Trade customers only; marketplace shoppers stay anonymous. */
  customerCode?: string;
  /** The business date of the order in the channel's own reporting. */
  orderDate: IsoDate;
  orderedAt: IsoDateTime;
  status: OrderStatus;
  currency: CurrencyCode;
  /** Order total excluding tax as the source reports it; the sum of line net amounts when omitted. */
  totalMinor?: number;
  lines: OrderLineRecord[];
  refunds?: RefundRecord[];
}

export const orderRecordSchema: z.ZodType<OrderRecord> = z
  .object({
    ...sourcedFields,
    externalId: codeSchema,
    channelCode: codeSchema,
    customerCode: codeSchema.optional(),
    orderDate: isoDateSchema,
    orderedAt: isoDateTimeSchema,
    status: z.enum(ORDER_STATUSES),
    currency: currencySchema,
    totalMinor: minorSchema.optional(),
    lines: z.array(orderLineRecordSchema).min(1, 'an order needs at least one line'),
    refunds: z.array(refundRecordSchema).optional(),
  })
  .refine((o) => allDistinct(o.lines.map((l) => l.lineKey)), {
    message: 'line keys must be unique within the order',
    path: ['lines'],
  })
  .refine((o) => allDistinct((o.refunds ?? []).map((r) => r.externalId)), {
    message: 'refund ids must be unique within the order',
    path: ['refunds'],
  });

/** The order's total: as reported, else the sum of its lines' net amounts. */
export function orderTotalMinor(order: Pick<OrderRecord, 'totalMinor' | 'lines'>): number {
  if (order.totalMinor !== undefined) return order.totalMinor;
  let total = 0;
  for (const line of order.lines) total += line.netAmountMinor;
  return total;
}
