import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { channels, customers, suppliers } from './catalogue';
import { createdAt, currency, money, source, sourceUpdatedAt, updatedAt } from './columns';

/** Receivable (ACCREC) and payable (ACCPAY) invoices. */
export const invoices = pgTable(
  'invoices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: source(),
    externalId: text('external_id').notNull(),
    type: text('type', { enum: ['receivable', 'payable'] }).notNull(),
    invoiceNumber: text('invoice_number'),
    contactName: text('contact_name').notNull(),
    customerId: integer('customer_id').references(() => customers.id),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    channelId: integer('channel_id').references(() => channels.id),
    issueDate: date('issue_date').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: ['draft', 'authorised', 'paid', 'voided'] }).notNull(),
    currency: currency().notNull(),
    amount: money('amount').notNull(),
    amountDue: money('amount_due').notNull(),
    paidDate: date('paid_date'),
    sourceUpdatedAt: sourceUpdatedAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('invoices_natural_key').on(t.source, t.externalId),
    index('invoices_type_status_idx').on(t.type, t.status),
    check('invoices_amount_due_in_range', sql`${t.amountDue} >= 0 AND ${t.amountDue} <= ${t.amount}`),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: source(),
    externalId: text('external_id').notNull(),
    invoiceId: bigint('invoice_id', { mode: 'number' }).references(() => invoices.id, {
      onDelete: 'cascade',
    }),
    paidOn: date('paid_on').notNull(),
    amount: money('amount').notNull(),
    currency: currency().notNull(),
    sourceUpdatedAt: sourceUpdatedAt(),
  },
  (t) => [
    unique('payments_natural_key').on(t.source, t.externalId),
    index('payments_invoice_idx').on(t.invoiceId),
  ],
);

export const bankAccounts = pgTable(
  'bank_accounts',
  {
    id: serial('id').primaryKey(),
    source: source(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    currency: currency().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('bank_accounts_natural_key').on(t.source, t.externalId)],
);

export const bankBalances = pgTable(
  'bank_balances',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => bankAccounts.id, { onDelete: 'cascade' }),
    asOf: date('as_of').notNull(),
    balance: money('balance').notNull(),
    currency: currency().notNull(),
    source: source(),
  },
  (t) => [unique('bank_balances_natural_key').on(t.accountId, t.asOf)],
);

/** GBP value of one unit of `currency` on `rate_date` (base currency GBP). */
export const fxRates = pgTable(
  'fx_rates',
  {
    rateDate: date('rate_date').notNull(),
    currency: currency().notNull(),
    rateToGbp: numeric('rate_to_gbp', { precision: 18, scale: 8 }).notNull(),
    source: source(),
  },
  (t) => [
    primaryKey({ name: 'fx_rates_pkey', columns: [t.rateDate, t.currency] }),
    // "Latest rate on or before a day" looks up by currency first.
    index('fx_rates_currency_date_idx').on(t.currency, t.rateDate),
  ],
);
