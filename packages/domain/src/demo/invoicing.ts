import type { InvoiceRecord, InvoiceType, PaymentRecord } from '../records/index';
import { fromEpochDay } from './dates';
import type { DemoCurrency } from './reference-customer';

/** An invoice as the simulation decides it: its terms and when it will (eventually) be paid. */
export interface InvoicePlan {
  externalId: string;
  type: InvoiceType;
  invoiceNumber: string;
  contactName: string;
  customerCode?: string;
  supplierCode?: string;
  channelCode?: string;
  issueDay: number;
  dueDay: number;
  currency: DemoCurrency;
  amountMinor: number;
  /** Day the (remaining) amount is paid; after the period end the invoice is still open. */
  payDay: number;
  /** An earlier part payment, leaving an amount due in between. */
  partial?: { day: number; amountMinor: number };
}

export interface SettledInvoice {
  invoice: InvoiceRecord;
  payments: PaymentRecord[];
  /** Cash movements the payments cause (positive in, negative out), for the bank accounts. */
  movements: { day: number; currency: DemoCurrency; amountMinor: number }[];
}

/**
 * The invoice as it stands at the end of the period: payments made by then are recorded, the rest
 * is still due (status `authorised`), so ageing buckets fill naturally from late payers.
 */
export function settleInvoice(plan: InvoicePlan, endDay: number): SettledInvoice {
  const instalments: { day: number; amountMinor: number }[] = [];
  if (plan.partial && plan.partial.day < plan.payDay && plan.partial.amountMinor < plan.amountMinor) {
    instalments.push(plan.partial);
  }
  const alreadyPaid = instalments.reduce((sum, p) => sum + p.amountMinor, 0);
  instalments.push({ day: plan.payDay, amountMinor: plan.amountMinor - alreadyPaid });
  const made = instalments.filter((p) => p.day <= endDay && p.amountMinor > 0);
  const paidMinor = made.reduce((sum, p) => sum + p.amountMinor, 0);
  const fullyPaid = paidMinor >= plan.amountMinor;
  const sign = plan.type === 'receivable' ? 1 : -1;
  const invoice: InvoiceRecord = {
    source: 'demo',
    externalId: plan.externalId,
    type: plan.type,
    invoiceNumber: plan.invoiceNumber,
    contactName: plan.contactName,
    ...(plan.customerCode ? { customerCode: plan.customerCode } : {}),
    ...(plan.supplierCode ? { supplierCode: plan.supplierCode } : {}),
    ...(plan.channelCode ? { channelCode: plan.channelCode } : {}),
    issueDate: fromEpochDay(plan.issueDay),
    dueDate: fromEpochDay(plan.dueDay),
    status: fullyPaid ? 'paid' : 'authorised',
    currency: plan.currency,
    amountMinor: plan.amountMinor,
    amountDueMinor: plan.amountMinor - paidMinor,
    ...(fullyPaid ? { paidDate: fromEpochDay(plan.payDay) } : {}),
  };
  return {
    invoice,
    payments: made.map((p, i) => ({
      source: 'demo',
      externalId: `${plan.externalId}-P${i + 1}`,
      invoiceExternalId: plan.externalId,
      paidOn: fromEpochDay(p.day),
      amountMinor: p.amountMinor,
      currency: plan.currency,
    })),
    movements: made.map((p) => ({ day: p.day, currency: plan.currency, amountMinor: sign * p.amountMinor })),
  };
}
