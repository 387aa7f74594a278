import {
  type FxRateRecord,
  fxRateRecordSchema,
  INVOICE_STATUSES,
  INVOICE_TYPES,
  type InvoiceRecord,
  invoiceRecordSchema,
  type PaymentRecord,
  paymentRecordSchema,
} from '../../records/finance-records';
import { cellByFields, cellValue, type ImportTemplate, optionalCell } from '../import-template';
import { defined, updatedAtColumn } from './common-columns';

/** Customer invoices and supplier bills. */
export const invoicesTemplate: ImportTemplate<InvoiceRecord> = {
  kind: 'invoices',
  title: 'Invoices',
  recordName: 'invoice',
  summary: 'Customer invoices (receivable) and supplier bills (payable) with what is still due.',
  columns: [
    {
      name: 'invoice_id',
      type: 'code',
      required: true,
      description: 'The invoice id in your system (unique).',
    },
    {
      name: 'type',
      type: 'enum',
      values: INVOICE_TYPES,
      required: true,
      description: 'receivable: a customer owes us; payable: we owe a supplier.',
    },
    { name: 'invoice_number', type: 'code', required: false, description: 'The number printed on it.' },
    {
      name: 'contact_name',
      type: 'text',
      required: true,
      description: 'The counterparty as named on the invoice.',
    },
    { name: 'customer', type: 'code', required: false, description: 'Code of the customer (it must exist).' },
    {
      name: 'supplier',
      type: 'code',
      required: false,
      description: 'Code of the supplier (it must exist); not together with customer.',
    },
    {
      name: 'channel',
      type: 'code',
      required: false,
      description: 'Sales channel a receivable belongs to (it must exist).',
    },
    { name: 'issue_date', type: 'date', required: true, description: 'Date of issue.' },
    {
      name: 'due_date',
      type: 'date',
      required: true,
      description: 'Date payment is due (not before issue_date).',
    },
    {
      name: 'status',
      type: 'enum',
      values: INVOICE_STATUSES,
      required: true,
      description: 'authorised invoices are open; drafts and voided ones are not owed.',
    },
    { name: 'currency', type: 'currency', required: true, description: 'Currency of the amounts.' },
    {
      name: 'amount',
      type: 'money',
      currencyColumn: 'currency',
      min: 0,
      required: true,
      description: 'Invoice total including tax.',
    },
    {
      name: 'amount_due',
      type: 'money',
      currencyColumn: 'currency',
      min: 0,
      required: true,
      description: 'What is still owed (0 to amount).',
    },
    {
      name: 'paid_date',
      type: 'date',
      required: false,
      description: 'Date it was paid in full (required when paid).',
    },
    updatedAtColumn('invoice'),
  ],
  examples: [
    {
      invoice_id: 'EX-INV-3001',
      type: 'receivable',
      invoice_number: 'INV-3001',
      contact_name: 'Harvey & Sons Wine Merchants',
      customer: 'WS-HARVEY',
      channel: 'wholesale-uk',
      issue_date: '2026-03-01',
      due_date: '2026-03-31',
      status: 'authorised',
      currency: 'GBP',
      amount: '1332.00',
      amount_due: '1332.00',
    },
    {
      invoice_id: 'EX-BILL-77',
      type: 'payable',
      contact_name: 'Glass supplier',
      supplier: 'SUP-GLASS',
      issue_date: '2026-02-10',
      due_date: '2026-03-12',
      status: 'paid',
      currency: 'GBP',
      amount: '1020.00',
      amount_due: '0',
      paid_date: '2026-03-10',
    },
  ],
  schema: invoiceRecordSchema,
  keyOf: (v) => cellValue<string>(v, 'invoice_id'),
  keyColumns: ['invoice_id'],
  build([row], source) {
    const v = row!;
    return {
      source,
      externalId: cellValue<string>(v, 'invoice_id'),
      type: cellValue<InvoiceRecord['type']>(v, 'type'),
      contactName: cellValue<string>(v, 'contact_name'),
      issueDate: cellValue<string>(v, 'issue_date'),
      dueDate: cellValue<string>(v, 'due_date'),
      status: cellValue<InvoiceRecord['status']>(v, 'status'),
      currency: cellValue<string>(v, 'currency'),
      amountMinor: cellValue<number>(v, 'amount'),
      amountDueMinor: cellValue<number>(v, 'amount_due'),
      ...defined({
        invoiceNumber: optionalCell<string>(v, 'invoice_number'),
        customerCode: optionalCell<string>(v, 'customer'),
        supplierCode: optionalCell<string>(v, 'supplier'),
        channelCode: optionalCell<string>(v, 'channel'),
        paidDate: optionalCell<string>(v, 'paid_date'),
        sourceUpdatedAt: optionalCell<string>(v, 'updated_at'),
      }),
    };
  },
  cellOf: (path) =>
    cellByFields(path, {
      externalId: 'invoice_id',
      type: 'type',
      invoiceNumber: 'invoice_number',
      contactName: 'contact_name',
      customerCode: 'customer',
      supplierCode: 'supplier',
      channelCode: 'channel',
      issueDate: 'issue_date',
      dueDate: 'due_date',
      status: 'status',
      currency: 'currency',
      amountMinor: 'amount',
      amountDueMinor: 'amount_due',
      paidDate: 'paid_date',
      sourceUpdatedAt: 'updated_at',
    }),
  references: { customer: 'customer', supplier: 'supplier', channel: 'channel' },
};

/** Payments against invoices imported from spreadsheets. */
export const paymentsTemplate: ImportTemplate<PaymentRecord> = {
  kind: 'payments',
  title: 'Payments',
  recordName: 'payment',
  summary: 'Money received against receivables or paid against bills.',
  columns: [
    {
      name: 'payment_id',
      type: 'code',
      required: true,
      description: 'The payment id in your system (unique).',
    },
    {
      name: 'invoice_id',
      type: 'code',
      required: false,
      description: 'invoice_id of the invoice it settles, as imported with the invoices template.',
    },
    { name: 'paid_on', type: 'date', required: true, description: 'Date of the payment.' },
    {
      name: 'amount',
      type: 'money',
      currencyColumn: 'currency',
      min: 0,
      required: true,
      description: 'Amount paid.',
    },
    { name: 'currency', type: 'currency', required: true, description: "The invoice's currency." },
    updatedAtColumn('payment'),
  ],
  examples: [
    {
      payment_id: 'EX-PAY-9001',
      invoice_id: 'EX-BILL-77',
      paid_on: '2026-03-10',
      amount: '1020.00',
      currency: 'GBP',
    },
  ],
  schema: paymentRecordSchema,
  keyOf: (v) => cellValue<string>(v, 'payment_id'),
  keyColumns: ['payment_id'],
  build([row], source) {
    const v = row!;
    return {
      source,
      externalId: cellValue<string>(v, 'payment_id'),
      paidOn: cellValue<string>(v, 'paid_on'),
      amountMinor: cellValue<number>(v, 'amount'),
      currency: cellValue<string>(v, 'currency'),
      ...defined({
        invoiceExternalId: optionalCell<string>(v, 'invoice_id'),
        sourceUpdatedAt: optionalCell<string>(v, 'updated_at'),
      }),
    };
  },
  cellOf: (path) =>
    cellByFields(path, {
      externalId: 'payment_id',
      invoiceExternalId: 'invoice_id',
      paidOn: 'paid_on',
      amountMinor: 'amount',
      currency: 'currency',
      sourceUpdatedAt: 'updated_at',
    }),
  references: { invoice: 'invoice_id' },
};

/** Daily exchange rates to GBP, the base currency. */
export const fxRatesTemplate: ImportTemplate<FxRateRecord> = {
  kind: 'fx-rates',
  title: 'FX rates',
  recordName: 'FX rate',
  summary: 'Daily exchange rates: the GBP value of one unit of each currency.',
  columns: [
    { name: 'date', type: 'date', required: true, description: 'The day the rate applies to.' },
    { name: 'currency', type: 'currency', required: true, description: 'The currency (not GBP, the base).' },
    {
      name: 'rate_to_gbp',
      type: 'rate',
      required: true,
      description: 'GBP per one unit of the currency, up to 8 decimal places, e.g. 0.8532 for EUR.',
    },
  ],
  examples: [
    { date: '2026-03-14', currency: 'EUR', rate_to_gbp: '0.8532' },
    { date: '2026-03-14', currency: 'USD', rate_to_gbp: '0.7741' },
  ],
  schema: fxRateRecordSchema,
  keyOf: (v) => `${cellValue<string>(v, 'date')}:${cellValue<string>(v, 'currency')}`,
  keyColumns: ['date', 'currency'],
  build([row], source) {
    const v = row!;
    return {
      source,
      rateDate: cellValue<string>(v, 'date'),
      currency: cellValue<string>(v, 'currency'),
      rateToGbp: cellValue<string>(v, 'rate_to_gbp'),
    };
  },
  cellOf: (path) => cellByFields(path, { rateDate: 'date', currency: 'currency', rateToGbp: 'rate_to_gbp' }),
  references: {},
};
