import type { AgedInvoiceView } from '@sentia/contracts';

export const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const BUCKET_LABELS: Record<Bucket, string> = {
  current: 'Current',
  '1-30': '1–30 days',
  '31-60': '31–60 days',
  '61-90': '61–90 days',
  '90+': '90+ days',
};

export interface ContactRow {
  /** The contact, channel or currency the row groups. */
  contact: string;
  buckets: Record<Bucket, number>;
  totalMinor: number;
  invoices: number;
  /** Some invoice had no FX rate: its amount is not in the GBP totals. */
  incomplete: boolean;
}

/**
 * The contact table from the invoices shown (after the page's channel and region filters), in
 * GBP per bucket, biggest total first — the same grouping the API does, so unfiltered they agree.
 */
export function groupByContact(invoices: readonly AgedInvoiceView[]): ContactRow[] {
  return groupInvoices(invoices, (i) => i.contactName);
}

/** The same grouping by any key (channel, currency). */
export function groupInvoices(
  invoices: readonly AgedInvoiceView[],
  keyOf: (invoice: AgedInvoiceView) => string,
): ContactRow[] {
  const rows = new Map<string, ContactRow>();
  for (const invoice of invoices) {
    const key = keyOf(invoice);
    let row = rows.get(key);
    if (!row) {
      row = {
        contact: key,
        buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 },
        totalMinor: 0,
        invoices: 0,
        incomplete: false,
      };
      rows.set(key, row);
    }
    row.invoices += 1;
    if (invoice.outstandingGbpMinor === null) {
      row.incomplete = true;
      continue;
    }
    row.buckets[invoice.bucket] += invoice.outstandingGbpMinor;
    row.totalMinor += invoice.outstandingGbpMinor;
  }
  return [...rows.values()].sort((a, b) => b.totalMinor - a.totalMinor || a.contact.localeCompare(b.contact));
}

/** Invoices of the channels the global filters allow (payables have no channel and are never filtered out). */
export function filterInvoices(
  invoices: readonly AgedInvoiceView[],
  allowedChannels: ReadonlySet<string> | null,
): AgedInvoiceView[] {
  if (!allowedChannels) return [...invoices];
  return invoices.filter((i) => i.channelCode === null || allowedChannels.has(i.channelCode));
}
