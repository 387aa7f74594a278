import { dayNumber } from './dates';

/** An invoice with the payments recorded against it, as the books hold it. */
export interface InvoiceHistory {
  id: number;
  type: 'receivable' | 'payable';
  status: 'draft' | 'authorised' | 'paid' | 'voided';
  /** Who pays or is paid: a customer/supplier id when known, else the contact name. */
  counterparty: string;
  issueDate: string;
  dueDate: string;
  paidDate: string | null;
  currency: string;
  amountMinor: number;
  amountDueMinor: number;
  payments: readonly { paidOn: string; amountMinor: number }[];
}

/**
 * What was still owed on `date`: nothing before the invoice was issued, or for drafts and voided
 * invoices; with payment records, the amount less the payments made by then; without them, the
 * whole amount until the paid date (for paid invoices) or the current amount due (for open ones).
 * The same rule as the overview's receivables and payables, so the two pages agree.
 */
export function outstandingOn(invoice: InvoiceHistory, date: string): number {
  if (invoice.issueDate > date) return 0;
  if (invoice.status !== 'authorised' && invoice.status !== 'paid') return 0;
  if (invoice.payments.length > 0) {
    const paid = invoice.payments.reduce((sum, p) => (p.paidOn <= date ? sum + p.amountMinor : sum), 0);
    return Math.max(invoice.amountMinor - paid, 0);
  }
  if (invoice.status === 'paid') {
    return invoice.paidDate !== null && invoice.paidDate <= date ? 0 : invoice.amountMinor;
  }
  return invoice.amountDueMinor;
}

/** When an invoice was settled: its paid date, else the day of its last payment; null while open. */
export function settledOn(invoice: InvoiceHistory): string | null {
  if (invoice.status !== 'paid') return null;
  if (invoice.paidDate) return invoice.paidDate;
  const last = invoice.payments.reduce<string | null>(
    (d, p) => (d === null || p.paidOn > d ? p.paidOn : d),
    null,
  );
  return last;
}

export interface PaymentDelay {
  /** Amount-weighted average days paid after the due date (negative: early). */
  days: number;
  invoices: number;
}

/**
 * Each counterparty's observed payment delay: over invoices settled in the `windowDays` before
 * `asOf`, the amount-weighted average of (settled − due) days. Counterparties with no settled
 * invoice in the window have no entry (callers then use the due date itself).
 */
export function observedPaymentDelays(
  invoices: readonly InvoiceHistory[],
  asOf: string,
  windowDays = 365,
): Map<string, PaymentDelay> {
  const end = dayNumber(asOf);
  const sums = new Map<string, { weighted: number; weight: number; count: number }>();
  for (const invoice of invoices) {
    const settled = settledOn(invoice);
    if (!settled) continue;
    const day = dayNumber(settled);
    if (day > end || day <= end - windowDays || invoice.amountMinor <= 0) continue;
    const delay = day - dayNumber(invoice.dueDate);
    const entry = sums.get(invoice.counterparty) ?? { weighted: 0, weight: 0, count: 0 };
    entry.weighted += delay * invoice.amountMinor;
    entry.weight += invoice.amountMinor;
    entry.count += 1;
    sums.set(invoice.counterparty, entry);
  }
  const delays = new Map<string, PaymentDelay>();
  for (const [key, s] of sums) delays.set(key, { days: s.weighted / s.weight, invoices: s.count });
  return delays;
}
