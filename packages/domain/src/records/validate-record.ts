import type { z } from 'zod';
import {
  channelRecordSchema,
  customerRecordSchema,
  locationRecordSchema,
  productRecordSchema,
  supplierRecordSchema,
} from './catalogue-records';
import {
  bankAccountRecordSchema,
  bankBalanceRecordSchema,
  fxRateRecordSchema,
  invoiceRecordSchema,
  paymentRecordSchema,
} from './finance-records';
import {
  productionBatchRecordSchema,
  productionLineRecordSchema,
  purchaseOrderRecordSchema,
  stockLevelRecordSchema,
} from './operations-records';
import { orderRecordSchema } from './sales-records';

/** The schema of every record kind, for code that handles kinds generically (imports, ingest). */
export const RECORD_SCHEMAS = {
  supplier: supplierRecordSchema,
  product: productRecordSchema,
  channel: channelRecordSchema,
  location: locationRecordSchema,
  customer: customerRecordSchema,
  order: orderRecordSchema,
  stockLevel: stockLevelRecordSchema,
  productionLine: productionLineRecordSchema,
  productionBatch: productionBatchRecordSchema,
  purchaseOrder: purchaseOrderRecordSchema,
  invoice: invoiceRecordSchema,
  payment: paymentRecordSchema,
  bankAccount: bankAccountRecordSchema,
  bankBalance: bankBalanceRecordSchema,
  fxRate: fxRateRecordSchema,
} as const;

export type RecordKind = keyof typeof RECORD_SCHEMAS;
export type RecordOfKind<K extends RecordKind> = z.output<(typeof RECORD_SCHEMAS)[K]>;

export type RecordCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Checks one record against its schema; the reason names every field at fault
 * (`lines.0.quantity: Too small: expected number to be >=1`), ready to show an importer or a log.
 */
export function checkRecord<T>(schema: z.ZodType<T>, input: unknown): RecordCheck<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const reason = result.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return { ok: false, reason };
}
