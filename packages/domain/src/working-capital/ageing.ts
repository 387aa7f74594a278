import { dayNumber } from './dates';
import { type FxRates, toGbpMinor } from './fx';

export const AGEING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/** An invoice still (partly) unpaid on the ageing date, with what is outstanding then. */
export interface OpenInvoice {
  id: number;
  invoiceNumber: string | null;
  contactName: string;
  channelCode: string | null;
  issueDate: string;
  dueDate: string;
  currency: string;
  outstandingMinor: number;
}

export interface AgedInvoice extends OpenInvoice {
  /** Days past the due date on the ageing date (0 or less: not yet due). */
  daysOverdue: number;
  bucket: AgeingBucket;
  /** Outstanding in GBP at the ageing date's rate; null without a rate. */
  outstandingGbpMinor: number | null;
}

export type BucketAmounts = Record<AgeingBucket, number>;

export interface AgeingGroup {
  key: string;
  /** GBP minor units per bucket (amounts without an FX rate are left out and listed in `unconverted`). */
  buckets: BucketAmounts;
  totalMinor: number;
  invoiceCount: number;
}

export interface AgeingReport {
  asOf: string;
  invoices: AgedInvoice[];
  totals: BucketAmounts;
  totalMinor: number;
  byContact: AgeingGroup[];
  byChannel: AgeingGroup[];
  /** Per invoice currency, in that currency's own minor units. */
  byCurrency: (AgeingGroup & { gbpMinor: number | null })[];
  /** Currencies with open amounts but no FX rate on the ageing date. */
  unconverted: string[];
}

/**
 * Days overdue → bucket. Not yet due or due today is "current"; 1–30, 31–60, 61–90 days overdue;
 * 91 days or more is "90+". The edges belong to the lower bucket (30 days overdue is 1–30).
 */
export function ageingBucket(daysOverdue: number): AgeingBucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return '90+';
}

export function emptyBuckets(): BucketAmounts {
  return { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
}

/**
 * Ages the open invoices themselves on `asOf` (never a fixed split): each invoice's outstanding
 * amount goes to the bucket of its days overdue, in GBP at the given rates, and is grouped by
 * contact, channel and currency.
 */
export function ageInvoices(invoices: readonly OpenInvoice[], asOf: string, rates: FxRates): AgeingReport {
  const today = dayNumber(asOf);
  const aged: AgedInvoice[] = invoices
    .filter((invoice) => invoice.outstandingMinor !== 0)
    .map((invoice) => {
      const daysOverdue = today - dayNumber(invoice.dueDate);
      return {
        ...invoice,
        daysOverdue,
        bucket: ageingBucket(daysOverdue),
        outstandingGbpMinor:
          toGbpMinor({ currency: invoice.currency, minor: invoice.outstandingMinor }, rates) ?? null,
      };
    });
  const totals = emptyBuckets();
  const unconverted = new Set<string>();
  for (const invoice of aged) {
    if (invoice.outstandingGbpMinor === null) unconverted.add(invoice.currency);
    else totals[invoice.bucket] += invoice.outstandingGbpMinor;
  }
  const currencyGroups = group(
    aged,
    (i) => i.currency,
    (i) => i.outstandingMinor,
  );
  return {
    asOf,
    invoices: aged.sort((a, b) => b.daysOverdue - a.daysOverdue || a.id - b.id),
    totals,
    totalMinor: sumBuckets(totals),
    byContact: group(aged, (i) => i.contactName, gbpOf),
    byChannel: group(aged, (i) => i.channelCode ?? '(no channel)', gbpOf),
    byCurrency: currencyGroups.map((g) => {
      const gbp = toGbpMinor({ currency: g.key, minor: g.totalMinor }, rates);
      return { ...g, gbpMinor: gbp ?? null };
    }),
    unconverted: [...unconverted].sort(),
  };
}

function gbpOf(invoice: AgedInvoice): number | null {
  return invoice.outstandingGbpMinor;
}

function sumBuckets(buckets: BucketAmounts): number {
  return AGEING_BUCKETS.reduce((sum, b) => sum + buckets[b], 0);
}

/** Groups aged invoices, biggest total first. */
function group(
  invoices: readonly AgedInvoice[],
  keyOf: (invoice: AgedInvoice) => string,
  amountOf: (invoice: AgedInvoice) => number | null,
): AgeingGroup[] {
  const groups = new Map<string, AgeingGroup>();
  for (const invoice of invoices) {
    const key = keyOf(invoice);
    let entry = groups.get(key);
    if (!entry) {
      entry = { key, buckets: emptyBuckets(), totalMinor: 0, invoiceCount: 0 };
      groups.set(key, entry);
    }
    entry.invoiceCount += 1;
    const amount = amountOf(invoice);
    if (amount === null) continue;
    entry.buckets[invoice.bucket] += amount;
    entry.totalMinor += amount;
  }
  return [...groups.values()].sort((a, b) => b.totalMinor - a.totalMinor || a.key.localeCompare(b.key));
}
