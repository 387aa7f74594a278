import type { WorkingCapitalSummaryResponse } from '@sentia/contracts';
import { formatDateRange } from '../../format/date';
import { formatMoney } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { formatDays, moneyOrNa } from './wc-model';

type Breakdown = WorkingCapitalSummaryResponse['breakdown'];

/**
 * DSO by channel and region, DIO by region and product, over the tiles' window. The filter bar's
 * region, channel and SKU narrow these rows; payables are company-wide, so DPO has no breakdown.
 */
export function BreakdownSection(props: {
  breakdown: Breakdown;
  currency: string;
  locale: string;
  filters: { region?: string | undefined; channel?: string | undefined; sku?: string | undefined };
}) {
  const { breakdown, currency, locale, filters } = props;
  const money = (minor: number | null) => moneyOrNa(minor, currency, locale);
  const channels = breakdown.byChannel.filter(
    (c) =>
      (!filters.region || c.regionCode === filters.region) &&
      (!filters.channel || c.code === filters.channel),
  );
  const regions = breakdown.byRegion.filter((r) => !filters.region || r.code === filters.region);
  const products = breakdown.byProduct.filter((p) => !filters.sku || p.sku === filters.sku);

  const channelColumns: Column<Breakdown['byChannel'][number]>[] = [
    { key: 'name', header: 'Channel', cell: (c) => c.name, sortValue: (c) => c.name },
    { key: 'region', header: 'Region', cell: (c) => c.regionCode, sortValue: (c) => c.regionCode },
    {
      key: 'revenue',
      header: 'Revenue',
      align: 'end',
      cell: (c) => formatMoney(c.revenueMinor, currency, locale, { wholeUnits: true }),
      sortValue: (c) => c.revenueMinor,
      firstSort: 'desc',
    },
    {
      key: 'receivables',
      header: 'Receivables',
      align: 'end',
      cell: (c) => money(c.receivablesMinor),
      sortValue: (c) => c.receivablesMinor,
      firstSort: 'desc',
    },
    {
      key: 'dso',
      header: 'DSO',
      align: 'end',
      cell: (c) => formatDays(c.dso, locale),
      sortValue: (c) => c.dso,
      firstSort: 'desc',
    },
  ];
  const regionColumns: Column<Breakdown['byRegion'][number]>[] = [
    { key: 'code', header: 'Region', cell: (r) => r.code, sortValue: (r) => r.code },
    {
      key: 'revenue',
      header: 'Revenue',
      align: 'end',
      cell: (r) => formatMoney(r.revenueMinor, currency, locale, { wholeUnits: true }),
      sortValue: (r) => r.revenueMinor,
    },
    {
      key: 'dso',
      header: 'DSO',
      align: 'end',
      cell: (r) => formatDays(r.dso, locale),
      sortValue: (r) => r.dso,
    },
    {
      key: 'inventory',
      header: 'Inventory at cost',
      align: 'end',
      cell: (r) => money(r.inventoryMinor),
      sortValue: (r) => r.inventoryMinor,
    },
    {
      key: 'dio',
      header: 'DIO',
      align: 'end',
      cell: (r) => formatDays(r.dio, locale),
      sortValue: (r) => r.dio,
    },
  ];
  const productColumns: Column<Breakdown['byProduct'][number]>[] = [
    { key: 'sku', header: 'SKU', cell: (p) => p.sku, sortValue: (p) => p.sku },
    { key: 'name', header: 'Product', cell: (p) => p.name, sortValue: (p) => p.name },
    {
      key: 'cogs',
      header: 'COGS',
      align: 'end',
      cell: (p) => formatMoney(p.cogsMinor, currency, locale, { wholeUnits: true }),
      sortValue: (p) => p.cogsMinor,
    },
    {
      key: 'inventory',
      header: 'Inventory at cost',
      align: 'end',
      cell: (p) => money(p.inventoryMinor),
      sortValue: (p) => p.inventoryMinor,
    },
    {
      key: 'dio',
      header: 'DIO',
      align: 'end',
      cell: (p) => formatDays(p.dio, locale),
      sortValue: (p) => p.dio,
      firstSort: 'desc',
    },
  ];
  return (
    <section className="wc-section" aria-labelledby="breakdown-heading" id="breakdown">
      <div className="wc-section__head">
        <h2 id="breakdown-heading">By channel, region and product</h2>
      </div>
      <p className="wc-note">
        {formatDateRange(breakdown.window.from, breakdown.window.to, locale)}: flows over the window, balances
        at its end. Receivables follow each invoice’s channel, stock its location’s region. Suppliers serve
        the whole business, so DPO is company-wide only.
      </p>
      <div className="wc-grid-2">
        <DataTable caption="DSO by channel" columns={channelColumns} rows={channels} rowKey={(c) => c.code} />
        <DataTable
          caption="DSO and DIO by region"
          columns={regionColumns}
          rows={regions}
          rowKey={(r) => r.code}
        />
      </div>
      <div id="products">
        <DataTable
          caption="DIO by product"
          columns={productColumns}
          rows={products}
          rowKey={(p) => p.sku}
          initialSort={{ columnKey: 'dio', direction: 'desc' }}
        />
      </div>
    </section>
  );
}
