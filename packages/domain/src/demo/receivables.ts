import type { OrderRecord } from '../records/index';
import { dayOfWeek, fromEpochDay, toEpochDay } from './dates';
import type { InvoicePlan } from './invoicing';
import { planPayment } from './payment-terms';
import type { Rng } from './prng';
import { DEMO_CHANNELS, DEMO_MARKETPLACE_CUSTOMERS, type DemoTradeCustomer } from './reference-customer';

/**
 * What customers owe us. Marketplaces (Amazon, Shopify) pay out a week's sales less their fees and
 * refunds, `settlementDays` after the week closes; trade customers get an invoice per order when it
 * ships and pay on their terms, some of them late.
 */
export class Receivables {
  private readonly weekSales = DEMO_CHANNELS.map(() => 0);
  private readonly weekRefunds = DEMO_CHANNELS.map(() => 0);
  private readonly refundsByDay = new Map<number, { channel: number; amountMinor: number }[]>();
  private tradeSequence = 0;

  constructor(private readonly rng: Rng) {}

  addSales(netByChannel: readonly number[]): void {
    netByChannel.forEach((net, c) => {
      this.weekSales[c]! += net;
    });
  }

  scheduleRefund(day: number, channel: number, amountMinor: number): void {
    const list = this.refundsByDay.get(day);
    if (list) list.push({ channel, amountMinor });
    else this.refundsByDay.set(day, [{ channel, amountMinor }]);
  }

  /** Books the day's refunds; on Sunday closes the settlement week of every marketplace channel. */
  closeDay(day: number): InvoicePlan[] {
    for (const refund of this.refundsByDay.get(day) ?? [])
      this.weekRefunds[refund.channel]! += refund.amountMinor;
    this.refundsByDay.delete(day);
    if (dayOfWeek(day) !== 0) return [];
    const plans: InvoicePlan[] = [];
    DEMO_CHANNELS.forEach((channel, c) => {
      const customer = DEMO_MARKETPLACE_CUSTOMERS.find((m) => m.channelCode === channel.code);
      const payout = Math.round(this.weekSales[c]! * (1 - channel.feeRate)) - this.weekRefunds[c]!;
      this.weekSales[c] = 0;
      this.weekRefunds[c] = 0;
      if (!customer || payout <= 0) return;
      const dueDay = day + channel.settlementDays;
      const stamp = fromEpochDay(day).replaceAll('-', '');
      plans.push({
        externalId: `DEMO-STL-${channel.code.toUpperCase()}-${stamp}`,
        type: 'receivable',
        invoiceNumber: `STL-${channel.code.toUpperCase()}-${stamp}`,
        contactName: customer.name,
        customerCode: customer.code,
        channelCode: channel.code,
        issueDay: day,
        dueDay,
        currency: channel.currency,
        amountMinor: payout,
        // Payouts arrive on time, give or take a bank day.
        payDay: dueDay + this.rng.int(0, channel.kind === 'amazon' ? 2 : 1),
      });
    });
    return plans;
  }

  /** The invoice of a trade order, dated the day after the order (when it ships). */
  tradeInvoice(order: OrderRecord, customer: DemoTradeCustomer): InvoicePlan {
    const issueDay = toEpochDay(order.orderDate) + 1;
    const sequence = String(++this.tradeSequence).padStart(6, '0');
    const amount = order.totalMinor ?? 0;
    return {
      externalId: `DEMO-INV-${sequence}`,
      type: 'receivable',
      invoiceNumber: `INV-${sequence}`,
      contactName: customer.name,
      customerCode: customer.code,
      channelCode: order.channelCode,
      issueDay,
      currency: 'GBP',
      amountMinor: amount,
      ...planPayment(this.rng, 'receivable', issueDay, customer.paymentTermsDays, customer.payDelay, amount),
    };
  }
}
