import { z } from 'zod';
import type { CurrencyCode } from '../money/money';
import {
  allDistinct,
  codeSchema,
  currencySchema,
  dayCountSchema,
  type IsoDate,
  isoDateSchema,
  minorSchema,
  nameSchema,
  nonNegativeMinorSchema,
  positiveQuantitySchema,
  quantitySchema,
  type SourcedRecord,
  sourcedFields,
} from './common';

/** Stock of one SKU at one location at the end of a date. */
export interface StockLevelRecord extends SourcedRecord {
  sku: string;
  locationCode: string;
  asOf: IsoDate;
  /** Physically present (may be negative where the source allows it). */
  onHand: number;
  /** Promised to orders not yet shipped (or to parked assemblies). Default 0. */
  allocated?: number;
  /** On the way in: purchase orders, transfers, batches in production. Default 0. */
  inbound?: number;
}

export const stockLevelRecordSchema: z.ZodType<StockLevelRecord> = z.object({
  ...sourcedFields,
  sku: codeSchema,
  locationCode: codeSchema,
  asOf: isoDateSchema,
  onHand: quantitySchema,
  allocated: quantitySchema.min(0).optional(),
  inbound: quantitySchema.min(0).optional(),
});

export const PRODUCTION_LINE_KINDS = ['infusion', 'bottling', 'contract'] as const;
export type ProductionLineKind = (typeof PRODUCTION_LINE_KINDS)[number];

/** A production line, or a contract manufacturer treated as one. */
export interface ProductionLineRecord extends SourcedRecord {
  code: string;
  name: string;
  kind: ProductionLineKind;
  /** Units the line can finish per day. */
  capacityPerDay: number;
  /** Fixed days a batch takes beyond its run time (maceration, booking a contract slot). */
  leadTimeDays: number;
}

export const productionLineRecordSchema: z.ZodType<ProductionLineRecord> = z.object({
  ...sourcedFields,
  code: codeSchema,
  name: nameSchema,
  kind: z.enum(PRODUCTION_LINE_KINDS),
  capacityPerDay: positiveQuantitySchema,
  leadTimeDays: dayCountSchema,
});

export const BATCH_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** A production batch (Unleashed assembly): a quantity of one SKU made on one line. */
export interface ProductionBatchRecord extends SourcedRecord {
  /** The source's batch or assembly number: unique per source. */
  externalId: string;
  sku: string;
  lineCode?: string;
  quantity: number;
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  actualStart?: IsoDate;
  actualEnd?: IsoDate;
  status: BatchStatus;
}

export const productionBatchRecordSchema: z.ZodType<ProductionBatchRecord> = z
  .object({
    ...sourcedFields,
    externalId: codeSchema,
    sku: codeSchema,
    lineCode: codeSchema.optional(),
    quantity: positiveQuantitySchema,
    plannedStart: isoDateSchema,
    plannedEnd: isoDateSchema,
    actualStart: isoDateSchema.optional(),
    actualEnd: isoDateSchema.optional(),
    status: z.enum(BATCH_STATUSES),
  })
  .refine((b) => b.plannedEnd >= b.plannedStart, {
    message: 'plannedEnd must not be before plannedStart',
    path: ['plannedEnd'],
  })
  .refine((b) => !b.actualEnd || !b.actualStart || b.actualEnd >= b.actualStart, {
    message: 'actualEnd must not be before actualStart',
    path: ['actualEnd'],
  });

/** One line of a purchase order, priced in the order's currency. */
export interface PurchaseOrderLineRecord {
  /** The source's line id or number: unique within the order. */
  lineKey: string;
  sku: string;
  quantity: number;
  /** Units received so far. Default 0. */
  receivedQuantity?: number;
  unitCostMinor: number;
}

export const purchaseOrderLineRecordSchema: z.ZodType<PurchaseOrderLineRecord> = z.object({
  lineKey: codeSchema,
  sku: codeSchema,
  quantity: positiveQuantitySchema,
  receivedQuantity: quantitySchema.min(0).optional(),
  unitCostMinor: nonNegativeMinorSchema,
});

export const PURCHASE_ORDER_STATUSES = ['draft', 'placed', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** A purchase order to a supplier. Written as a whole: lines not listed are removed. */
export interface PurchaseOrderRecord extends SourcedRecord {
  /** The source's order number: unique per source. */
  externalId: string;
  supplierCode: string;
  orderDate: IsoDate;
  expectedDate?: IsoDate;
  receivedDate?: IsoDate;
  status: PurchaseOrderStatus;
  currency: CurrencyCode;
  /** Total excluding tax as reported; the sum of quantity × unit cost when omitted. */
  totalMinor?: number;
  lines: PurchaseOrderLineRecord[];
}

export const purchaseOrderRecordSchema: z.ZodType<PurchaseOrderRecord> = z
  .object({
    ...sourcedFields,
    externalId: codeSchema,
    supplierCode: codeSchema,
    orderDate: isoDateSchema,
    expectedDate: isoDateSchema.optional(),
    receivedDate: isoDateSchema.optional(),
    status: z.enum(PURCHASE_ORDER_STATUSES),
    currency: currencySchema,
    totalMinor: minorSchema.optional(),
    lines: z.array(purchaseOrderLineRecordSchema).min(1, 'a purchase order needs at least one line'),
  })
  .refine((po) => allDistinct(po.lines.map((l) => l.lineKey)), {
    message: 'line keys must be unique within the purchase order',
    path: ['lines'],
  });

/** The purchase order's total: as reported, else Σ quantity × unit cost. */
export function purchaseOrderTotalMinor(po: Pick<PurchaseOrderRecord, 'totalMinor' | 'lines'>): number {
  if (po.totalMinor !== undefined) return po.totalMinor;
  let total = 0;
  for (const line of po.lines) total += line.quantity * line.unitCostMinor;
  return total;
}
