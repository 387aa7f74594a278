import { describe, expect, it } from 'vitest';
import { type InvoiceHistory, observedPaymentDelays, outstandingOn, settledOn } from './outstanding';

const base: InvoiceHistory = {
  id: 1,
  type: 'receivable',
  status: 'authorised',
  counterparty: 'customer:1',
  issueDate: '2026-02-01',
  dueDate: '2026-03-01',
  paidDate: null,
  currency: 'EUR',
  amountMinor: 20_000,
  amountDueMinor: 5_000,
  payments: [],
};

describe('outstandingOn', () => {
  it('is nothing before the invoice is issued, and nothing for drafts or voided invoices', () => {
    expect(outstandingOn(base, '2026-01-31')).toBe(0);
    expect(outstandingOn({ ...base, status: 'draft' }, '2026-03-31')).toBe(0);
    expect(outstandingOn({ ...base, status: 'voided' }, '2026-03-31')).toBe(0);
  });

  it('takes off the payments recorded by the date', () => {
    const partlyPaid = { ...base, payments: [{ paidOn: '2026-03-15', amountMinor: 15_000 }] };
    expect(outstandingOn(partlyPaid, '2026-03-14')).toBe(20_000);
    expect(outstandingOn(partlyPaid, '2026-03-15')).toBe(5_000);
  });

  it('without payment records, counts a paid invoice as owed until its paid date', () => {
    const paid = { ...base, status: 'paid' as const, amountDueMinor: 0, paidDate: '2026-04-10' };
    expect(outstandingOn(paid, '2026-03-31')).toBe(20_000);
    expect(outstandingOn(paid, '2026-04-10')).toBe(0);
    expect(outstandingOn(base, '2026-03-31')).toBe(5_000);
  });
});

describe('observedPaymentDelays', () => {
  const paid = (
    id: number,
    counterparty: string,
    due: string,
    paidOn: string,
    amount: number,
  ): InvoiceHistory => ({
    ...base,
    id,
    counterparty,
    status: 'paid',
    dueDate: due,
    paidDate: null,
    amountMinor: amount,
    amountDueMinor: 0,
    payments: [{ paidOn, amountMinor: amount }],
  });

  it('weights each counterparty’s delays by amount, over invoices settled in the window', () => {
    const delays = observedPaymentDelays(
      [
        paid(1, 'slow', '2026-05-01', '2026-05-21', 30_000), // 20 days late
        paid(2, 'slow', '2026-06-01', '2026-06-11', 10_000), // 10 days late
        paid(3, 'early', '2026-06-10', '2026-06-08', 5_000), // 2 days early
        paid(4, 'old', '2024-01-01', '2024-01-31', 5_000), // settled before the window
        { ...base, id: 5, counterparty: 'open' },
      ],
      '2026-06-30',
    );
    // (20 × 30 000 + 10 × 10 000) ÷ 40 000 = 17.5
    expect(delays.get('slow')).toEqual({ days: 17.5, invoices: 2 });
    expect(delays.get('early')).toEqual({ days: -2, invoices: 1 });
    expect(delays.has('old')).toBe(false);
    expect(delays.has('open')).toBe(false);
  });

  it('uses the paid date, else the last payment, as the settlement day', () => {
    expect(settledOn({ ...paid(1, 'x', '2026-05-01', '2026-05-09', 1), paidDate: '2026-05-10' })).toBe(
      '2026-05-10',
    );
    expect(settledOn(paid(1, 'x', '2026-05-01', '2026-05-09', 1))).toBe('2026-05-09');
    expect(settledOn(base)).toBeNull();
  });
});
