import type { StockLevelRow } from '@sentia/contracts';
import { formatBusinessDate } from '../../format/date';
import { formatMoney } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { formatDays, formatUnits } from './plan-format';

/** Stock, cover and projected stock-out per SKU × location. */
export function StockTable(props: {
  rows: readonly StockLevelRow[];
  locale: string;
  caption: string;
  empty: string;
}) {
  const { locale } = props;
  const u = (v: number) => formatUnits(v, locale);
  const columns: Column<StockLevelRow>[] = [
    {
      key: 'sku',
      header: 'SKU',
      cell: (r) => <span title={r.productName}>{r.sku}</span>,
      sortValue: (r) => r.sku,
    },
    {
      key: 'location',
      header: 'Location',
      cell: (r) => <span title={r.locationName}>{r.locationCode}</span>,
      sortValue: (r) => r.locationCode,
    },
    {
      key: 'onHand',
      header: 'On hand',
      align: 'end',
      cell: (r) => u(r.onHand),
      sortValue: (r) => r.onHand,
      total: (rows) => u(rows.reduce((s, r) => s + r.onHand, 0)),
    },
    {
      key: 'allocated',
      header: 'Allocated',
      align: 'end',
      cell: (r) => u(r.allocated),
      sortValue: (r) => r.allocated,
    },
    {
      key: 'inbound',
      header: 'Inbound',
      align: 'end',
      cell: (r) => u(r.inbound),
      sortValue: (r) => r.inbound,
    },
    {
      key: 'demand',
      header: 'Demand / day',
      align: 'end',
      cell: (r) => (r.dailyDemand === null ? '—' : formatUnits(r.dailyDemand, locale, 1)),
      sortValue: (r) => r.dailyDemand ?? 0,
    },
    {
      key: 'cover',
      header: 'Cover',
      align: 'end',
      cell: (r) => formatDays(r.daysOfCover, locale),
      sortValue: (r) => r.daysOfCover ?? Number.POSITIVE_INFINITY,
    },
    {
      key: 'lead',
      header: 'Replenishment',
      align: 'end',
      cell: (r) => formatDays(r.leadTimeDays, locale),
      sortValue: (r) => r.leadTimeDays ?? 0,
    },
    {
      key: 'out',
      header: 'Runs out',
      cell: (r) =>
        r.stockOutDate ? (
          <span className={r.atRisk ? 'plan-risk' : undefined}>
            {r.atRisk && <span className="plan-risk__mark">At risk: </span>}
            {formatBusinessDate(r.stockOutDate, locale)}
          </span>
        ) : (
          'Not within a year'
        ),
      sortValue: (r) => r.stockOutDate ?? '9999',
    },
    {
      key: 'value',
      header: 'Value',
      align: 'end',
      cell: (r) =>
        r.valueGbpMinor === null
          ? 'No FX rate'
          : formatMoney(r.valueGbpMinor, 'GBP', locale, { wholeUnits: true }),
      sortValue: (r) => r.valueGbpMinor ?? 0,
      firstSort: 'desc',
      total: (rows) =>
        formatMoney(
          rows.reduce((s, r) => s + (r.valueGbpMinor ?? 0), 0),
          'GBP',
          locale,
          { wholeUnits: true },
        ),
    },
  ];
  return (
    <DataTable
      caption={props.caption}
      hideCaption
      columns={columns}
      rows={props.rows}
      rowKey={(r) => `${r.sku}@${r.locationCode}`}
      empty={props.empty}
    />
  );
}
