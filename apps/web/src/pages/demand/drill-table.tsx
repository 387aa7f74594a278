import type { ForecastChild, ForecastResponse, GlobalFilters } from '@sentia/contracts';
import { Link } from 'react-router';
import { formatFixed, formatNumber } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { levelName, seriesHref } from './demand-model';

const CHILD_NAMES: Record<ForecastResponse['series']['level'], string> = {
  company: 'regions',
  region: 'channels',
  channel: 'SKUs in this channel',
  sku: 'regions selling this SKU',
  'sku-region': 'channels selling this SKU',
  'sku-channel': '',
};

/** The series one level down (Global → Region → Channel → SKU), each a link to its own forecast. */
export function DrillTable({
  data,
  filters,
  locale,
}: {
  data: ForecastResponse;
  filters: GlobalFilters;
  locale: string;
}) {
  const unit = data.granularity === 'week' ? 'week' : 'month';
  const n = (v: number) => formatNumber(Math.round(v), locale);
  const columns: Column<ForecastChild>[] = [
    {
      key: 'series',
      header: levelName(data.children[0]?.series.level ?? 'sku-channel'),
      cell: (c) => (
        <Link to={seriesHref(c.series, filters, data.granularity)}>
          {shortLabel(c.series.label, data.series.label)}
          {c.adjusted && <span className="demand__tag"> adjusted</span>}
        </Link>
      ),
      sortValue: (c) => c.series.label,
    },
    {
      key: 'last',
      header: `Last ${unit}`,
      align: 'end',
      cell: (c) => n(c.lastPeriodUnits),
      sortValue: (c) => c.lastPeriodUnits,
      firstSort: 'desc',
      total: (rows) => n(rows.reduce((s, c) => s + c.lastPeriodUnits, 0)),
    },
    {
      key: 'statistical',
      header: `Next ${data.forecast.length} ${unit}s`,
      align: 'end',
      cell: (c) => n(c.statisticalTotal),
      sortValue: (c) => c.statisticalTotal,
      firstSort: 'desc',
      total: (rows) => n(rows.reduce((s, c) => s + c.statisticalTotal, 0)),
    },
    {
      key: 'adjusted',
      header: 'Adjusted',
      align: 'end',
      cell: (c) => n(c.adjustedTotal),
      sortValue: (c) => c.adjustedTotal,
      firstSort: 'desc',
      total: (rows) => n(rows.reduce((s, c) => s + c.adjustedTotal, 0)),
    },
    {
      key: 'smape',
      header: 'sMAPE',
      align: 'end',
      cell: (c) => (c.smape === null ? '–' : `${formatFixed(c.smape, locale, 1)}%`),
      sortValue: (c) => c.smape ?? Number.POSITIVE_INFINITY,
    },
  ];
  return (
    <section className="panel demand__drill" aria-labelledby="demand-drill">
      <h2 id="demand-drill">
        {data.children.length > 0 ? `Drill down: ${CHILD_NAMES[data.series.level]}` : 'Drill down'}
      </h2>
      {data.children.length > 0 ? (
        <DataTable
          caption={`${data.series.label}: ${CHILD_NAMES[data.series.level]}, units`}
          hideCaption
          columns={columns}
          rows={data.children}
          rowKey={(c) => c.series.key}
          initialSort={{ columnKey: 'statistical', direction: 'desc' }}
          totalsLabel="Total"
        />
      ) : (
        <p className="demand__note">This is the lowest level: one SKU in one channel.</p>
      )}
    </section>
  );
}

/** "GIN-70 in Amazon UK" under Amazon UK reads "GIN-70": the table already says which channel. */
function shortLabel(label: string, parent: string): string {
  const suffix = ` in ${parent}`;
  return label.endsWith(suffix) ? label.slice(0, -suffix.length) : label;
}
