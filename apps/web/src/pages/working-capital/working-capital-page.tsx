import type { WorkingCapitalSummaryResponse } from '@sentia/contracts';
import { isAllowed } from '@sentia/domain';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { filterOptionsQuery } from '../../api/queries';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { useGlobalFilters } from '../../filters/use-global-filters';
import { formatBusinessDate, formatDateRange } from '../../format/date';
import { userLocale } from '../../format/locale';
import { DemoBadge } from '../../ui/demo-badge';
import { ErrorPanel } from '../../ui/error-panel';
import '../../ui/kpi-tile.css';
import { SupplyLinks } from '../../ui/kpi-tile';
import { PageHeader } from '../../ui/page-header';
import { RelativeTime } from '../../ui/relative-time';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { TimeSeriesChart } from '../../ui/time-series-chart';
import { AgeingSection } from './ageing-section';
import { BreakdownSection } from './breakdown-section';
import { CashForecastSection } from './cash-forecast-section';
import { SettingsSection } from './settings-section';
import { WcKpiTile } from './wc-kpi-tile';
import { daysChartModel, summaryPeriod } from './wc-model';
import { scenariosQuery, summaryQuery, whoAmIQuery } from './wc-queries';
import './working-capital-page.css';

/** Where each tile drills down to on this page. */
const DRILL_DOWN: Record<string, string> = {
  ccc: '#days-chart',
  dso: '#ageing',
  dio: '#products',
  dpo: '#ageing',
  netWorkingCapital: '#breakdown',
  receivables: '#ageing',
  payables: '#ageing',
  inventory: '#products',
  cash: '#cash',
  facilityHeadroom: '#settings',
};

/**
 * The working-capital cockpit: DSO/DIO/DPO/CCC tiles with status and trend, their monthly chart,
 * alerts, the cash forecast with scenarios and levers, ageing with drill-down to invoices,
 * breakdowns and settings. Prints as a board pack; exports to CSV per table and XLSX as a whole.
 */
export default function WorkingCapitalPage() {
  const { period, filters } = useGlobalFilters();
  const range = summaryPeriod(period);
  const summary = useQuery(summaryQuery(range.from, range.to));
  const scenarios = useQuery(scenariosQuery());
  const me = useQuery(whoAmIQuery());
  const options = useQuery(filterOptionsQuery());
  const crumbs = usePageCrumbs();
  const locale = userLocale();
  const data = summary.data;
  useEffect(() => {
    // The board pack prints how the forecast is built, which on screen sits in a closed disclosure.
    const open = () => {
      for (const details of document.querySelectorAll<HTMLDetailsElement>('details.wc-assumptions'))
        details.open = true;
    };
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);
  const can = (permission: 'write:working-capital' | 'write:scenarios' | 'export:data') =>
    me.data ? isAllowed(me.data.permissions, permission, 'production') : false;
  const allowedChannels = useMemo(() => {
    if (!filters.channel && !filters.region) return null;
    const channels = options.data?.channels ?? [];
    return new Set(
      channels
        .filter(
          (c) =>
            (!filters.channel || c.code === filters.channel) &&
            (!filters.region || c.regionCode === filters.region),
        )
        .map((c) => c.code),
    );
  }, [filters.channel, filters.region, options.data]);

  return (
    <div className="wc-page">
      <PageHeader
        title="Working capital"
        crumbs={crumbs}
        subtitle={`${formatDateRange(range.from, range.to, locale)} by month; tiles over the last three months to ${formatBusinessDate(range.to, locale)}`}
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
              <span className="print-only">
                Board pack printed {formatBusinessDate(new Date().toISOString().slice(0, 10), locale)}
              </span>
            </>
          )
        }
        actions={
          <>
            {can('export:data') && (
              <a
                className="button"
                href={`/api/working-capital/export.xlsx?from=${range.from}&to=${range.to}`}
                download
              >
                Export XLSX
              </a>
            )}
            <button type="button" className="button" onClick={() => window.print()}>
              Print board pack
            </button>
          </>
        }
      />
      {summary.isError && (
        <ErrorPanel
          error={summary.error}
          heading={
            data
              ? 'Could not refresh; showing the last figures loaded'
              : 'Working capital could not be loaded'
          }
          compact={Boolean(data)}
          onRetry={() => void summary.refetch()}
        />
      )}
      {data ? (
        <SummaryContent data={data} locale={locale} filters={filters} />
      ) : (
        summary.isPending && <SummarySkeleton />
      )}
      {scenarios.data && (
        <CashForecastSection
          scenarios={scenarios.data.scenarios}
          locale={locale}
          canSaveScenarios={can('write:scenarios')}
        />
      )}
      {scenarios.isError && (
        <ErrorPanel error={scenarios.error} heading="The scenarios could not be loaded" />
      )}
      <AgeingSection locale={locale} allowedChannels={allowedChannels} />
      {data && (
        <BreakdownSection
          breakdown={data.breakdown}
          currency={data.currency}
          locale={locale}
          filters={filters}
        />
      )}
      <SettingsSection canEdit={can('write:working-capital')} locale={locale} />
    </div>
  );
}

function SummaryContent(props: {
  data: WorkingCapitalSummaryResponse;
  locale: string;
  filters: { region?: string | undefined; channel?: string | undefined; sku?: string | undefined };
}) {
  const { data, locale } = props;
  const chart = useMemo(() => daysChartModel(data, locale), [data, locale]);
  return (
    <>
      {(data.alerts.length > 0 || data.gaps.length > 0) && (
        <section className="panel wc-alerts" aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Needs attention</h2>
          <ul>
            {data.alerts.map((alert) => (
              <li key={`${alert.kind}-${alert.date}`} className={`wc-alert wc-alert--${alert.severity}`}>
                <span className="wc-alert__severity">
                  {alert.severity === 'critical' ? 'Critical' : 'Warning'}
                </span>{' '}
                {new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
                  new Date(`${alert.date}T00:00:00Z`),
                )}
                : {alert.message}
              </li>
            ))}
            {data.gaps.map((gap) => (
              <li key={gap.reason} className="wc-alert">
                {gap.reason} <SupplyLinks supplyBy={gap.supplyBy} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="wc-kpi-heading">
        <h2 id="wc-kpi-heading" className="visually-hidden">
          Key figures
        </h2>
        <div className="kpi-grid">
          {data.kpis.map((kpi) => (
            <WcKpiTile key={kpi.key} kpi={kpi} href={DRILL_DOWN[kpi.key]} locale={locale} />
          ))}
        </div>
        <p className="wc-note">
          Balances are period-end balances (receivables, stock at cost and payables on the last day of each
          month or window), never averages. Current and quick ratios: {data.balanceSheet.gap?.reason}
        </p>
      </section>
      <div id="days-chart">
        {data.months.length > 0 ? (
          <TimeSeriesChart
            title="DSO, DIO, DPO and CCC by month"
            x={chart.x}
            xLabel="Month starting"
            series={chart.series}
            axes={chart.axes}
            threshold={chart.threshold}
            exportName={`working-capital-days-${data.period.from}-to-${data.period.to}`}
          />
        ) : null}
      </div>
    </>
  );
}

function SummarySkeleton() {
  return (
    <LoadingRegion label="Loading working capital">
      <div className="kpi-grid">
        {Array.from({ length: 8 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} height={148} />
        ))}
      </div>
      <Skeleton height={300} />
    </LoadingRegion>
  );
}
