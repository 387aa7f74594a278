import type { InvoiceRecord, InvoiceStatus, InvoiceType, PaymentRecord } from '../../records/index';
import { dotNetDate, dotNetInstant, jsonAmountToMinor } from '../unleashed/dotnet-json';
import type { XeroContactRef, XeroInvoice, XeroNormalised, XeroPayment } from './xero-types';

export interface XeroInvoiceContext {
  /** `xero`, or `demo` for the sandbox. */
  source: string;
  /** Our customer for a Xero contact (by account number or name), when the catalogue has it. */
  customerFor?(contact: XeroContactRef): { code: string; channelCode?: string } | undefined;
  /** Our supplier code for a Xero contact, when the catalogue has it. */
  supplierFor?(contact: XeroContactRef): string | undefined;
}

/** ACCREC is owed to us (a sales invoice), ACCPAY owed by us (a bill); other types are not invoices. */
export function xeroInvoiceType(type: string): InvoiceType | undefined {
  return type === 'ACCREC' ? 'receivable' : type === 'ACCPAY' ? 'payable' : undefined;
}

/** Drafts and submitted (awaiting approval) invoices are not owed yet; voided and deleted never will be. */
export function xeroInvoiceStatus(status: string): InvoiceStatus | undefined {
  switch (status) {
    case 'DRAFT':
    case 'SUBMITTED':
      return 'draft';
    case 'AUTHORISED':
      return 'authorised';
    case 'PAID':
      return 'paid';
    case 'VOIDED':
    case 'DELETED':
      return 'voided';
    default:
      return undefined;
  }
}

/**
 * Invoices (ACCREC → receivable, ACCPAY → payable) with amount (`Total`, tax included: what is
 * owed), amount due, issue and due dates, status, currency and contact. The contact is linked to
 * our customer or supplier when the catalogue knows it (a receivable also takes the customer's
 * channel); otherwise only its name is kept. A draft without a due date is due on its date.
 */
export function normaliseXeroInvoices(
  invoices: readonly XeroInvoice[],
  context: XeroInvoiceContext,
): XeroNormalised<InvoiceRecord> {
  const out: XeroNormalised<InvoiceRecord> = { records: [], rejections: [], skipped: [] };
  for (const invoice of invoices) {
    const key = `${context.source}:${invoice.InvoiceID}`;
    try {
      const type = xeroInvoiceType(invoice.Type);
      if (!type) {
        out.skipped.push({ key, reason: `invoice type ${invoice.Type} is neither ACCREC nor ACCPAY` });
        continue;
      }
      const status = xeroInvoiceStatus(invoice.Status);
      if (!status) throw new RangeError(`unknown invoice status ${invoice.Status}`);
      const currency = invoice.CurrencyCode;
      const issueDate = dotNetDate(invoice.Date);
      if (!issueDate) throw new RangeError('invoice without a Date');
      const dueDate = dotNetDate(invoice.DueDate) ?? issueDate;
      const amountMinor = jsonAmountToMinor(invoice.Total, currency);
      const dueMinor = jsonAmountToMinor(invoice.AmountDue, currency);
      const paidDate = dotNetDate(invoice.FullyPaidOnDate);
      if (status === 'paid' && !paidDate) throw new RangeError('paid invoice without FullyPaidOnDate');
      const customer = type === 'receivable' ? context.customerFor?.(invoice.Contact) : undefined;
      const supplierCode = type === 'payable' ? context.supplierFor?.(invoice.Contact) : undefined;
      out.records.push({
        source: context.source,
        externalId: invoice.InvoiceID,
        type,
        ...(invoice.InvoiceNumber?.trim() ? { invoiceNumber: invoice.InvoiceNumber.trim() } : {}),
        contactName: invoice.Contact?.Name?.trim() || `Xero contact ${invoice.Contact?.ContactID ?? '?'}`,
        ...(customer ? { customerCode: customer.code } : {}),
        ...(customer?.channelCode ? { channelCode: customer.channelCode } : {}),
        ...(supplierCode ? { supplierCode } : {}),
        issueDate,
        dueDate,
        status,
        currency,
        amountMinor,
        // Voided and paid invoices owe nothing whatever the field says; otherwise Xero's figure.
        amountDueMinor: status === 'voided' || status === 'paid' ? 0 : dueMinor,
        ...(status === 'paid' && paidDate ? { paidDate } : {}),
        ...(dotNetInstant(invoice.UpdatedDateUTC)
          ? { sourceUpdatedAt: dotNetInstant(invoice.UpdatedDateUTC) }
          : {}),
      });
    } catch (error) {
      out.rejections.push({ key, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

/**
 * Payments against invoices and bills, in the invoice's currency (`Amount`; `BankAmount` is the
 * bank's currency). Deleted payments and payments that settle no invoice (credit notes,
 * prepayments, overpayments, refunds) are skipped.
 */
export function normaliseXeroPayments(
  payments: readonly XeroPayment[],
  context: { source: string },
): XeroNormalised<PaymentRecord> {
  const out: XeroNormalised<PaymentRecord> = { records: [], rejections: [], skipped: [] };
  for (const p of payments) {
    const key = `${context.source}:${p.PaymentID}`;
    try {
      if (p.Status === 'DELETED') {
        out.skipped.push({ key, reason: 'deleted payment' });
        continue;
      }
      if (!p.Invoice?.InvoiceID) {
        out.skipped.push({ key, reason: `${p.PaymentType ?? 'payment'} settles no invoice` });
        continue;
      }
      const currency = p.Invoice.CurrencyCode;
      if (!currency) throw new RangeError('payment without the invoice currency');
      const amountMinor = jsonAmountToMinor(p.Amount, currency);
      if (amountMinor < 0) {
        out.skipped.push({ key, reason: 'negative payment (a refund)' });
        continue;
      }
      const paidOn = dotNetDate(p.Date);
      if (!paidOn) throw new RangeError('payment without a Date');
      const updated = dotNetInstant(p.UpdatedDateUTC);
      out.records.push({
        source: context.source,
        externalId: p.PaymentID,
        invoiceExternalId: p.Invoice.InvoiceID,
        paidOn,
        amountMinor,
        currency,
        ...(updated ? { sourceUpdatedAt: updated } : {}),
      });
    } catch (error) {
      out.rejections.push({ key, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
