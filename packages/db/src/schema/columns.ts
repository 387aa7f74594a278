import { bigint, char, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Money is stored as integer minor units (pence, cents) beside its ISO 4217 currency.
 * JS numbers hold minor units exactly up to 2^53 (≈ 90 trillion pounds); sums are done in SQL.
 */
export const money = (name: string) => bigint(`${name}_minor`, { mode: 'number' });
export const currency = (name = 'currency') => char(name, { length: 3 });

/** Where a record came from: a connector (`shopify`, `amazon`, `unleashed`, `xero`), `csv`, or `demo`. */
export const source = () => text('source').notNull();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** The source system's own modification time: later wins on upsert. */
export const sourceUpdatedAt = () => timestamp('source_updated_at', { withTimezone: true });
