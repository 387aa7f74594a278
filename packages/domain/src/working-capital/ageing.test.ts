import { describe, expect, it } from 'vitest';
import { ageInvoices, ageingBucket, type OpenInvoice } from './ageing';

const invoice = (id: number, dueDate: string, outstandingMinor: number, extra: Partial<OpenInvoice> = {}) =>
  ({
    id,
    invoiceNumber: `INV-${id}`,
    contactName: 'Harvey & Finch',
    channelCode: 'wholesale-uk',
    issueDate: '2026-01-01',
    dueDate,
    currency: 'GBP',
    outstandingMinor,
    ...extra,
  }) satisfies OpenInvoice;

describe('ageing buckets', () => {
  it.each([
    [-15, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
    [400, '90+'],
  ])('%i days overdue is %s', (days, bucket) => {
    expect(ageingBucket(days)).toBe(bucket);
  });
});

describe('ageInvoices', () => {
  // Ageing on 30 June 2026: each invoice sits on a bucket edge.
  const invoices = [
    invoice(1, '2026-07-15', 1_000), // not yet due → current
    invoice(2, '2026-06-30', 2_000), // due today → current
    invoice(3, '2026-06-29', 3_000), // 1 day → 1–30
    invoice(4, '2026-05-31', 4_000), // 30 days → 1–30
    invoice(5, '2026-05-31', 5_000, { currency: 'EUR', contactName: 'Amazon EU', channelCode: 'amazon-eu' }),
    invoice(6, '2026-05-30', 6_000), // 31 days → 31–60
    invoice(7, '2026-05-01', 7_000), // 60 days → 31–60
    invoice(8, '2026-04-30', 8_000), // 61 days → 61–90
    invoice(9, '2026-04-01', 9_000), // 90 days → 61–90
    invoice(10, '2026-03-31', 10_000), // 91 days → 90+
    invoice(11, '2026-03-31', 0), // nothing outstanding: left out
  ];
  const report = ageInvoices(invoices, '2026-06-30', { EUR: 0.85 });

  it('puts each invoice in the bucket of its own days overdue, in GBP', () => {
    expect(report.totals).toEqual({
      current: 3_000,
      '1-30': 3_000 + 4_000 + 4_250, // 5 000 EUR × 0.85
      '31-60': 13_000,
      '61-90': 17_000,
      '90+': 10_000,
    });
    expect(report.totalMinor).toBe(55_000 - 5_000 + 4_250);
    expect(report.invoices).toHaveLength(10);
    expect(report.invoices[0]).toMatchObject({ id: 10, daysOverdue: 91, bucket: '90+' });
    expect(report.invoices.find((i) => i.id === 5)).toMatchObject({
      outstandingGbpMinor: 4_250,
      bucket: '1-30',
    });
  });

  it('groups by contact, channel and currency (currency totals in their own units)', () => {
    expect(report.byContact.map((g) => [g.key, g.totalMinor, g.invoiceCount])).toEqual([
      ['Harvey & Finch', 50_000, 9],
      ['Amazon EU', 4_250, 1],
    ]);
    expect(report.byChannel.find((g) => g.key === 'amazon-eu')?.buckets['1-30']).toBe(4_250);
    expect(report.byCurrency).toEqual([
      expect.objectContaining({ key: 'GBP', totalMinor: 50_000, gbpMinor: 50_000 }),
      expect.objectContaining({ key: 'EUR', totalMinor: 5_000, gbpMinor: 4_250 }),
    ]);
    expect(report.unconverted).toEqual([]);
  });

  it('names a currency without a rate rather than guessing its value', () => {
    const r = ageInvoices([invoice(1, '2026-06-01', 1_000, { currency: 'CHF' })], '2026-06-30', {});
    expect(r.totalMinor).toBe(0);
    expect(r.unconverted).toEqual(['CHF']);
    expect(r.invoices[0]?.outstandingGbpMinor).toBeNull();
  });
});
