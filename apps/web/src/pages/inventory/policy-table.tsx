import type { InventorySettingsView, PolicyRow } from '@sentia/contracts';
import { formatBusinessDate } from '../../format/date';
import { formatMoney } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { formatDays, formatShare, formatUnits } from './plan-format';

/** The network-wide policy of every SKU: what the plan buys and makes against. */
export function PolicyTable({ rows, locale }: { rows: readonly PolicyRow[]; locale: string }) {
  const u = (v: number) => formatUnits(v, locale);
  const columns: Column<PolicyRow>[] = [
    {
      key: 'sku',
      header: 'SKU',
      cell: (r) => (
        <span title={r.productName}>
          {r.sku}
          <span className="plan-sub">
            {r.abcClass}
            {r.xyzClass} · {r.supply === 'purchase' ? 'bought' : 'made'}
          </span>
        </span>
      ),
      sortValue: (r) => r.sku,
    },
    {
      key: 'demand',
      header: 'Demand / week',
      align: 'end',
      cell: (r) => (
        <span title={`${r.forecastModel} (${r.demandClass})`}>
          {u(r.demandMeanPerWeek)} <span className="plan-sub plan-sub--inline">± {u(r.demandSdPerWeek)}</span>
        </span>
      ),
      sortValue: (r) => r.demandMeanPerWeek,
      firstSort: 'desc',
    },
    {
      key: 'lead',
      header: 'Lead time',
      align: 'end',
      cell: (r) => (
        <span title={r.leadTimeSource}>
          {formatDays(r.leadTimeMeanDays, locale)}{' '}
          <span className="plan-sub plan-sub--inline">± {formatUnits(r.leadTimeSdDays, locale, 1)}</span>
        </span>
      ),
      sortValue: (r) => r.leadTimeMeanDays,
    },
    {
      key: 'service',
      header: 'Service level',
      align: 'end',
      cell: (r) => formatShare(r.serviceLevel, locale, 2),
      sortValue: (r) => r.serviceLevel,
    },
    {
      key: 'ss',
      header: 'Safety stock',
      align: 'end',
      cell: (r) => (
        <span
          title={
            r.method === 'count'
              ? 'Intermittent demand: Poisson/negative-binomial quantile of lead-time demand'
              : `z = ${r.z?.toFixed(3)} × σ of lead-time demand ${u(r.leadTimeDemandSd)}`
          }
        >
          {u(r.safetyStock)}
        </span>
      ),
      sortValue: (r) => r.safetyStock,
      firstSort: 'desc',
      total: (rows) => u(rows.reduce((s, r) => s + r.safetyStock, 0)),
    },
    {
      key: 'rop',
      header: 'Reorder point (s)',
      align: 'end',
      cell: (r) => u(r.reorderPoint),
      sortValue: (r) => r.reorderPoint,
    },
    {
      key: 'q',
      header: 'Order qty (Q)',
      align: 'end',
      cell: (r) => (
        <span
          title={
            r.economicOrderQuantity === null
              ? 'No EOQ: holding costs nothing'
              : `EOQ ${u(r.economicOrderQuantity)} before MOQ and pack rounding`
          }
        >
          {u(r.orderQuantity)}
        </span>
      ),
      sortValue: (r) => r.orderQuantity,
    },
    {
      key: 'S',
      header: 'Order-up-to (S)',
      align: 'end',
      cell: (r) => u(r.orderUpTo),
      sortValue: (r) => r.orderUpTo,
    },
    {
      key: 'fill',
      header: 'Fill rate',
      align: 'end',
      cell: (r) => formatShare(r.expectedFillRate, locale, 2),
      sortValue: (r) => r.expectedFillRate,
    },
    {
      key: 'value',
      header: 'SS value',
      align: 'end',
      cell: (r) => formatMoney(r.safetyStockValueGbpMinor, 'GBP', locale, { wholeUnits: true }),
      sortValue: (r) => r.safetyStockValueGbpMinor,
      firstSort: 'desc',
      total: (rows) =>
        formatMoney(
          rows.reduce((s, r) => s + r.safetyStockValueGbpMinor, 0),
          'GBP',
          locale,
          { wholeUnits: true },
        ),
    },
    {
      key: 'position',
      header: 'Position',
      align: 'end',
      cell: (r) => u(r.position),
      sortValue: (r) => r.position,
    },
    {
      key: 'cover',
      header: 'Cover',
      align: 'end',
      cell: (r) => formatDays(r.daysOfCover, locale),
      sortValue: (r) => r.daysOfCover ?? Number.POSITIVE_INFINITY,
    },
    {
      key: 'out',
      header: 'Runs out',
      cell: (r) => (r.stockOutDate ? formatBusinessDate(r.stockOutDate, locale) : 'Not within a year'),
      sortValue: (r) => r.stockOutDate ?? '9999',
    },
  ];
  return (
    <DataTable
      caption="Inventory policy per SKU, all locations"
      hideCaption
      columns={columns}
      rows={rows}
      rowKey={(r) => `${r.sku}@${r.locationCode ?? 'network'}`}
      totalsLabel="All SKUs"
      empty="No SKUs to plan."
    />
  );
}

/** SKUs per ABC (revenue share) × XYZ (demand variability) cell, labelled with the thresholds in force. */
export function AbcXyzMatrix({
  matrix,
  thresholds,
  locale,
}: {
  matrix: Record<string, Record<string, number>>;
  thresholds: Pick<InventorySettingsView, 'abcThresholds'> | undefined;
  locale: string;
}) {
  const cut = thresholds?.abcThresholds ?? { a: 0.8, b: 0.95 };
  const share = (v: number) => formatShare(v, locale, 2);
  const abcLabel = {
    A: `top ${share(cut.a)} of revenue`,
    B: `next ${share(cut.b - cut.a)}`,
    C: `last ${share(1 - cut.b)}`,
  };
  const abc = ['A', 'B', 'C'] as const;
  const xyz = ['X', 'Y', 'Z'] as const;
  return (
    <table className="plan-matrix">
      <caption>SKUs by revenue class (rows) and demand variability (columns)</caption>
      <thead>
        <tr>
          <td />
          {xyz.map((x) => (
            <th key={x} scope="col" className="num">
              {x}
              <span className="plan-sub">{x === 'X' ? 'steady' : x === 'Y' ? 'variable' : 'erratic'}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {abc.map((a) => (
          <tr key={a}>
            <th scope="row">
              {a}
              <span className="plan-sub">{abcLabel[a]}</span>
            </th>
            {xyz.map((x) => (
              <td
                key={x}
                className={`num tabular${(matrix[a]?.[x] ?? 0) > 0 ? ' plan-matrix__hit' : ''}`}
                data-cell={`${a}${x}`}
              >
                {matrix[a]?.[x] ?? 0}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
