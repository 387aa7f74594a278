import type { OverviewResponse } from '@sentia/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { overviewQuery } from '../../api/queries';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { useGlobalFilters } from '../../filters/use-global-filters';
import { formatDateRange } from '../../format/date';
import { userLocale } from '../../format/locale';
import { DemoBadge } from '../../ui/demo-badge';
import { ErrorPanel } from '../../ui/error-panel';
import { KpiTile, KpiTileSkeleton, SupplyLinks } from '../../ui/kpi-tile';
import '../../ui/kpi-tile.css';
import { PageHeader } from '../../ui/page-header';
import { RelativeTime } from '../../ui/relative-time';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { TimeSeriesChart } from '../../ui/time-series-chart';
import { KPI_DRILL_DOWN, KPI_GOOD_DIRECTION, trendChartModel, trendGap } from './overview-model';
import './overview-page.css';

/** The executive overview: headline KPIs and the daily trend for the filtered period. */
export default function OverviewPage() {
  const { query, period, search } = useGlobalFilters();
  const overview = useQuery(overviewQuery(query));
  const crumbs = usePageCrumbs();
  const locale = userLocale();
  const data = overview.data;
  // keepPreviousData: while new filters load, the old figures stay, marked as updating.
  const updating = overview.isPlaceholderData && overview.isFetching;

  return (
    <>
      <PageHeader
        title="Overview"
        crumbs={crumbs}
        subtitle={
          data
            ? `${formatDateRange(data.period.from, data.period.to, locale)}, compared with ${formatDateRange(data.previousPeriod.from, data.previousPeriod.to, locale)}`
            : formatDateRange(period.from, period.to, locale)
        }
        meta={
          data && (
            <>
              {data.demoData && <DemoBadge />}
              {data.dataUpdatedAt ? (
                <span>
                  Data last updated <RelativeTime iso={data.dataUpdatedAt} />
                </span>
              ) : (
                <span>No data has been loaded yet</span>
              )}
              <span aria-live="polite">{updating ? 'Updating for the new filters…' : ''}</span>
            </>
          )
        }
      />
      {overview.isError && (
        <ErrorPanel
          heading={
            data ? 'Could not refresh; showing the last figures loaded' : 'The overview could not be loaded'
          }
          compact={Boolean(data)}
          error={overview.error}
          onRetry={() => void overview.refetch()}
        />
      )}
      {data ? (
        <OverviewContent data={data} search={search} locale={locale} stale={updating} />
      ) : (
        overview.isPending && <OverviewSkeleton />
      )}
    </>
  );
}

function OverviewContent(props: { data: OverviewResponse; search: string; locale: string; stale: boolean }) {
  const { data, search, locale, stale } = props;
  const chart = useMemo(() => trendChartModel(data, locale), [data, locale]);
  const periodLabel = formatDateRange(data.period.from, data.period.to, locale);
  const previousLabel = formatDateRange(data.previousPeriod.from, data.previousPeriod.to, locale);
  const gap = trendGap(data);
  return (
    <div className="overview" aria-busy={stale}>
      <section aria-labelledby="kpi-heading">
        <h2 id="kpi-heading" className="visually-hidden">
          Key figures
        </h2>
        <div className="kpi-grid">
          {data.kpis.map((kpi) => (
            <KpiTile
              key={kpi.key}
              kpi={kpi}
              href={`${KPI_DRILL_DOWN[kpi.key]}${search}`}
              periodLabel={periodLabel}
              previousPeriodLabel={previousLabel}
              dataUpdatedAt={data.dataUpdatedAt}
              goodDirection={KPI_GOOD_DIRECTION[kpi.key]}
            />
          ))}
        </div>
      </section>
      {data.trend.length > 0 ? (
        <TimeSeriesChart
          title="Daily revenue, gross margin and units"
          x={chart.x}
          xLabel="Day"
          series={chart.series}
          axes={chart.axes}
          exportName={`overview-trend-${data.period.from}-to-${data.period.to}`}
        />
      ) : (
        <section className="panel" aria-labelledby="trend-empty">
          <h2 id="trend-empty">Daily revenue, gross margin and units</h2>
          <p>{gap?.reason ?? 'There are no sales in this period for these filters.'}</p>
          {gap && gap.supplyBy.length > 0 && <SupplyLinks supplyBy={gap.supplyBy} />}
        </section>
      )}
    </div>
  );
}

function OverviewSkeleton() {
  return (
    <LoadingRegion label="Loading the overview">
      <div className="kpi-grid">
        {['revenue', 'units', 'grossMargin', 'grossMarginPct', 'stockValue', 'receivables', 'payables'].map(
          (key) => (
            <KpiTileSkeleton key={key} />
          ),
        )}
      </div>
      <div className="panel" style={{ marginTop: 24 }}>
        <Skeleton shape="text" width="18rem" height="1.25rem" />
        <Skeleton height={300} />
      </div>
    </LoadingRegion>
  );
}
