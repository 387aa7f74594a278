import { z } from 'zod';

/**
 * Building blocks shared by every normalised record. Records are plain JSON-safe data: business
 * dates are `YYYY-MM-DD` strings, instants are ISO 8601 strings, money is integer minor units.
 */

/** A business date, `YYYY-MM-DD` (no time, no zone). */
export type IsoDate = string;
/** An instant, ISO 8601 with `Z` or an offset, e.g. `2026-03-14T10:00:00Z`. */
export type IsoDateTime = string;

/** The regions the business reports on (seeded in the database by migration). */
export const REGION_CODES = ['UK', 'EU', 'US'] as const;
export type RegionCode = (typeof REGION_CODES)[number];

/**
 * Every record names the system it came from (`shopify`, `amazon`, `unleashed`, `xero`, `csv`,
 * `demo`) and, when the source reports one, its own last-modified time: on upsert a record never
 * overwrites one that the source modified later.
 */
export interface SourcedRecord {
  source: string;
  sourceUpdatedAt?: IsoDateTime;
}

export const isoDateSchema = z.iso.date();
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as GBP');
export const regionCodeSchema = z.enum(REGION_CODES);
/** Codes and natural keys: trimmed, non-empty, bounded so they index well. */
export const codeSchema = z.string().trim().min(1).max(200);
export const nameSchema = z.string().trim().min(1).max(500);
/** Integer minor units (pence, cents); safe-integer range so sums stay exact. */
export const minorSchema = z.int();
export const nonNegativeMinorSchema = z.int().min(0);
/** Quantities and day counts are stored as 32-bit integers. */
export const quantitySchema = z.int32();
export const positiveQuantitySchema = z.int32().min(1);
export const dayCountSchema = z.int32().min(0).max(3650);

export const sourcedFields = {
  source: z.string().trim().min(1).max(50),
  sourceUpdatedAt: isoDateTimeSchema.optional(),
};

/** True when every value is distinct: used to refuse duplicate line keys within one record. */
export function allDistinct(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}
