import { z } from 'zod';
import type { CurrencyCode } from '../money/money';
import {
  codeSchema,
  currencySchema,
  type IsoDate,
  isoDateSchema,
  minorSchema,
  nameSchema,
  nonNegativeMinorSchema,
  type SourcedRecord,
  sourcedFields,
} from './common';

export const INVOICE_TYPES = ['receivable', 'payable'] as const;
/** `receivable`: we are owed (Xero ACCREC); `payable`: we owe (Xero ACCPAY, a bill). */
export type InvoiceType = (typeof INVOICE_TYPES)[number];

export const INVOICE_STATUSES = ['draft', 'authorised', 'paid', 'voided'] as const;
/** `authorised` is open (amount due > 0, or awaiting payment); drafts and voided invoices are not owed. */
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * An invoice or bill. At most one of customer and supplier is named; the channel says which sales
 * channel a receivable belongs to (marketplace settlements, trade invoices).
 */
export interface InvoiceRecord extends SourcedRecord {
  /** The source's invoice id (Xero InvoiceID): unique per source. */
  externalId: string;
  type: InvoiceType;
  invoiceNumber?: string;
  /** The counterparty's name as shown on the invoice. */
  contactName: string;
  customerCode?: string;
  supplierCode?: string;
  channelCode?: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  status: InvoiceStatus;
  currency: CurrencyCode;
  /** Invoice total in minor units. */
  amountMinor: number;
  /** What is still owed: 0 ≤ amount due ≤ amount. */
  amountDueMinor: number;
  /** When the invoice was fully paid (status `paid`). */
  paidDate?: IsoDate;
}

export const invoiceRecordSchema: z.ZodType<InvoiceRecord> = z
  .object({
    ...sourcedFields,
    externalId: codeSchema,
    type: z.enum(INVOICE_TYPES),
    invoiceNumber: codeSchema.optional(),
    contactName: nameSchema,
    customerCode: codeSchema.optional(),
    supplierCode: codeSchema.optional(),
    channelCode: codeSchema.optional(),
    issueDate: isoDateSchema,
    dueDate: isoDateSchema,
    status: z.enum(INVOICE_STATUSES),
    currency: currencySchema,
    amountMinor: nonNegativeMinorSchema,
    amountDueMinor: nonNegativeMinorSchema,
    paidDate: isoDateSchema.optional(),
  })
  .refine((i) => i.amountDueMinor <= i.amountMinor, {
    message: 'amount due must not exceed the amount',
    path: ['amountDueMinor'],
  })
  .refine((i) => i.dueDate >= i.issueDate, {
    message: 'due date must not be before the issue date',
    path: ['dueDate'],
  })
  .refine((i) => i.status !== 'paid' || i.paidDate !== undefined, {
    message: 'a paid invoice needs its paid date',
    path: ['paidDate'],
  })
  .refine((i) => !(i.customerCode && i.supplierCode), {
    message: 'an invoice names a customer or a supplier, not both',
    path: ['supplierCode'],
  });

/** Money received against a receivable or paid against a bill. */
export interface PaymentRecord extends SourcedRecord {
  /** The source's payment id (Xero PaymentID): unique per source. */
  externalId: string;
  /** The invoice it settles, by its external id in the same source. */
  invoiceExternalId?: string;
  paidOn: IsoDate;
  /** Positive amount in `currency` (the invoice's currency). */
  amountMinor: number;
  currency: CurrencyCode;
}

export const paymentRecordSchema: z.ZodType<PaymentRecord> = z.object({
  ...sourcedFields,
  externalId: codeSchema,
  invoiceExternalId: codeSchema.optional(),
  paidOn: isoDateSchema,
  amountMinor: nonNegativeMinorSchema,
  currency: currencySchema,
});

/** A bank account (Xero bank account). */
export interface BankAccountRecord extends SourcedRecord {
  /** The source's account id: unique per source. */
  externalId: string;
  name: string;
  currency: CurrencyCode;
}

export const bankAccountRecordSchema: z.ZodType<BankAccountRecord> = z.object({
  ...sourcedFields,
  externalId: codeSchema,
  name: nameSchema,
  currency: currencySchema,
});

/** A bank account's closing balance on a date. */
export interface BankBalanceRecord extends SourcedRecord {
  /** The account, by its external id in the same source. */
  accountExternalId: string;
  asOf: IsoDate;
  /** May be negative (overdrawn). */
  balanceMinor: number;
  currency: CurrencyCode;
}

export const bankBalanceRecordSchema: z.ZodType<BankBalanceRecord> = z.object({
  ...sourcedFields,
  accountExternalId: codeSchema,
  asOf: isoDateSchema,
  balanceMinor: minorSchema,
  currency: currencySchema,
});

/** The GBP value of one unit of `currency` on `rateDate` (GBP is the base currency). */
export interface FxRateRecord extends SourcedRecord {
  rateDate: IsoDate;
  currency: CurrencyCode;
  /** Decimal text, up to 8 decimal places (kept as text so no binary rounding creeps in). */
  rateToGbp: string;
}

export const fxRateRecordSchema: z.ZodType<FxRateRecord> = z.object({
  ...sourcedFields,
  rateDate: isoDateSchema,
  currency: currencySchema.refine((c) => c !== 'GBP', 'GBP is the base currency: its rate is always 1'),
  rateToGbp: z
    .string()
    .regex(/^\d{1,10}(\.\d{1,8})?$/, 'must be a positive decimal with at most 8 decimal places')
    .refine((r) => Number(r) > 0, 'must be greater than zero'),
});
