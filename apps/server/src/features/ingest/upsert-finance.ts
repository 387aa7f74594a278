import { type Database, schema } from '@sentia/db';
import {
  type BankAccountRecord,
  type BankBalanceRecord,
  bankAccountRecordSchema,
  bankBalanceRecordSchema,
  type FxRateRecord,
  fxRateRecordSchema,
  type InvoiceRecord,
  invoiceRecordSchema,
  type PaymentRecord,
  paymentRecordSchema,
} from '@sentia/domain';
import { bulkUpsert } from './bulk-upsert';
import type { IngestResult } from './ingest-result';
import { sourcedKey } from './key-resolver';
import { type Reference, runIngest } from './run-ingest';
import { toInstant } from './upsert-sql';

const { invoices, payments, bankAccounts, bankBalances, fxRates } = schema;

/** Invoices and bills by (source, external id); a later `sourceUpdatedAt` wins. */
export function upsertInvoices(db: Database, records: readonly InvoiceRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: invoiceRecordSchema,
    keyOf: (r) => `${r.source}:${r.externalId}`,
    references(r) {
      const refs: Reference[] = [];
      if (r.customerCode) refs.push({ kind: 'customer', key: r.customerCode, label: 'customer' });
      if (r.supplierCode) refs.push({ kind: 'supplier', key: r.supplierCode, label: 'supplier' });
      if (r.channelCode) refs.push({ kind: 'channel', key: r.channelCode, label: 'channel' });
      return refs;
    },
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        invoices,
        batch.map((r) => ({
          source: r.source,
          externalId: r.externalId,
          type: r.type,
          invoiceNumber: r.invoiceNumber ?? null,
          contactName: r.contactName,
          customerId: r.customerCode ? keys.id('customer', r.customerCode)! : null,
          supplierId: r.supplierCode ? keys.id('supplier', r.supplierCode)! : null,
          channelId: r.channelCode ? keys.id('channel', r.channelCode)! : null,
          issueDate: r.issueDate,
          dueDate: r.dueDate,
          status: r.status,
          currency: r.currency,
          amount: r.amountMinor,
          amountDue: r.amountDueMinor,
          paidDate: r.paidDate ?? null,
          sourceUpdatedAt: toInstant(r.sourceUpdatedAt),
        })),
        {
          conflict: ['source', 'externalId'],
          update: [
            'type',
            'invoiceNumber',
            'contactName',
            'customerId',
            'supplierId',
            'channelId',
            'issueDate',
            'dueDate',
            'status',
            'currency',
            'amount',
            'amountDue',
            'paidDate',
            'sourceUpdatedAt',
          ],
          touchUpdatedAt: true,
          laterSourceWins: true,
          returning: ['id'],
        },
      );
      return rows.length;
    },
  });
}

/**
 * Payments by (source, external id); the invoice is found by its external id in the same source,
 * so write invoices before their payments. A payment naming an unknown invoice is rejected (a
 * later sync that brings the invoice can send it again).
 */
export function upsertPayments(db: Database, records: readonly PaymentRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: paymentRecordSchema,
    keyOf: (r) => `${r.source}:${r.externalId}`,
    references: (r) =>
      r.invoiceExternalId
        ? [
            {
              kind: 'invoice',
              key: sourcedKey(r.source, r.invoiceExternalId),
              label: 'invoice',
              shown: r.invoiceExternalId,
            },
          ]
        : [],
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        payments,
        batch.map((r) => ({
          source: r.source,
          externalId: r.externalId,
          invoiceId: r.invoiceExternalId
            ? keys.id('invoice', sourcedKey(r.source, r.invoiceExternalId))!
            : null,
          paidOn: r.paidOn,
          amount: r.amountMinor,
          currency: r.currency,
          sourceUpdatedAt: toInstant(r.sourceUpdatedAt),
        })),
        {
          conflict: ['source', 'externalId'],
          update: ['invoiceId', 'paidOn', 'amount', 'currency', 'sourceUpdatedAt'],
          laterSourceWins: true,
          returning: ['id'],
        },
      );
      return rows.length;
    },
  });
}

/** Bank accounts by (source, external id); latest write wins. */
export function upsertBankAccounts(
  db: Database,
  records: readonly BankAccountRecord[],
): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: bankAccountRecordSchema,
    keyOf: (r) => `${r.source}:${r.externalId}`,
    async write(tx, batch) {
      const rows = await bulkUpsert(
        tx,
        bankAccounts,
        batch.map((r) => ({
          source: r.source,
          externalId: r.externalId,
          name: r.name,
          currency: r.currency,
        })),
        { conflict: ['source', 'externalId'], update: ['name', 'currency'], returning: ['id'] },
      );
      return rows.length;
    },
  });
}

/** Closing balances by account × date (the account by its external id in the same source); latest write wins. */
export function upsertBankBalances(
  db: Database,
  records: readonly BankBalanceRecord[],
): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: bankBalanceRecordSchema,
    keyOf: (r) => `${r.source}:${r.accountExternalId}@${r.asOf}`,
    references: (r) => [
      {
        kind: 'bankAccount',
        key: sourcedKey(r.source, r.accountExternalId),
        label: 'bank account',
        shown: r.accountExternalId,
      },
    ],
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        bankBalances,
        batch.map((r) => ({
          accountId: keys.id('bankAccount', sourcedKey(r.source, r.accountExternalId))!,
          asOf: r.asOf,
          balance: r.balanceMinor,
          currency: r.currency,
          source: r.source,
        })),
        { conflict: ['accountId', 'asOf'], update: ['balance', 'currency', 'source'], returning: ['id'] },
      );
      return rows.length;
    },
  });
}

/** FX rates by date × currency; latest write wins. */
export function upsertFxRates(db: Database, records: readonly FxRateRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: fxRateRecordSchema,
    keyOf: (r) => `${r.rateDate}:${r.currency}`,
    async write(tx, batch) {
      const rows = await bulkUpsert(
        tx,
        fxRates,
        batch.map((r) => ({
          rateDate: r.rateDate,
          currency: r.currency,
          rateToGbp: r.rateToGbp,
          source: r.source,
        })),
        { conflict: ['rateDate', 'currency'], update: ['rateToGbp', 'source'], returning: ['currency'] },
      );
      return rows.length;
    },
  });
}
