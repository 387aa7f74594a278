import type { ForecastGranularityName, ForecastResponse } from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { useAccess } from '../../app/use-access';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { useGlobalFilters } from '../../filters/use-global-filters';
import { formatBusinessDate } from '../../format/date';
import { userLocale } from '../../format/locale';
import { formatNumber } from '../../format/number';
import { DemoBadge } from '../../ui/demo-badge';
import { ErrorPanel } from '../../ui/error-panel';
import '../../ui/kpi-tile.css';
import { SupplyLinks } from '../../ui/kpi-tile';
import { PageHeader } from '../../ui/page-header';
import { RelativeTime } from '../../ui/relative-time';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { forecastQuery, requestForecastRun } from './demand-api';
import { DemandContent } from './demand-content';
import { drillCrumbs, forecastApiQuery, GRANULARITY_PARAM, parseGranularity } from './demand-model';
import './demand-page.css';

const RECONCILIATION_NAMES = { 'mint-wls': 'MinT (WLS)', 'bottom-up': 'bottom-up' } as const;

/**
 * Demand forecasting: one series of the hierarchy at a time — the company, a region, a channel, a SKU
 * or a SKU in a channel, chosen by the global filters — with its history, statistical forecast and
 * 80/95% bands, the planners' adjusted forecast, backtest accuracy, the adjustment controls with an
 * instant preview, and the series one level down to drill into.
 */
export default function DemandPage() {
  const { filters } = useGlobalFilters();
  const [params, setParams] = useSearchParams();
  const granularity = parseGranularity(params.get(GRANULARITY_PARAM));
  const forecast = useQuery(forecastQuery(forecastApiQuery(filters, granularity)));
  const access = useAccess();
  const pageCrumbs = usePageCrumbs();
  const locale = userLocale();
  const data = forecast.data;
  const updating = forecast.isPlaceholderData && forecast.isFetching;
  const switchedOff = isApiError(forecast.error) && forecast.error.problem.type.endsWith('/feature-disabled');
  const canWrite = access.can('write:forecasts');

  const setGranularity = (next: ForecastGranularityName) =>
    setParams((previous) => {
      const out = new URLSearchParams(previous);
      if (next === 'week') out.delete(GRANULARITY_PARAM);
      else out.set(GRANULARITY_PARAM, next);
      return out;
    });

  // Overview › Global › Region › Channel › SKU: the drill-down is the breadcrumb trail.
  const crumbs = [
    ...pageCrumbs.slice(0, -1),
    ...(data ? drillCrumbs(data.trail, filters, granularity) : [{ label: 'Global' }]),
  ];

  return (
    <div className="demand">
      <PageHeader
        title="Demand forecast"
        crumbs={crumbs}
        subtitle={data ? subtitleOf(data, locale, Boolean(filters.from && filters.to)) : undefined}
        meta={
          data && (data.demoData || data.run || data.activeRun || updating) ? (
            <RunMeta data={data} updating={updating} />
          ) : undefined
        }
        actions={
          <>
            <GranularitySwitch value={granularity} onChange={setGranularity} />
            {canWrite && <RefreshButton />}
          </>
        }
      />
      {switchedOff ? (
        <section className="panel" aria-labelledby="demand-off">
          <h2 id="demand-off">Demand forecasting is switched off</h2>
          <p>An administrator has switched the forecasting feature off (FEATURE_FORECASTING).</p>
        </section>
      ) : (
        forecast.isError && (
          <ErrorPanel
            heading={
              data
                ? 'Could not refresh; showing the last forecast loaded'
                : 'The forecast could not be loaded'
            }
            compact={Boolean(data)}
            error={forecast.error}
            onRetry={() => void forecast.refetch()}
          />
        )
      )}
      {data ? (
        <Body data={data} canWrite={canWrite} locale={locale} stale={updating} />
      ) : (
        forecast.isPending && <DemandSkeleton />
      )}
    </div>
  );
}

/**
 * The series, the horizon and the history shown: all of it unless a period is chosen in the filter bar
 * (the bar's default period is too short a history to read a season from).
 */
function subtitleOf(data: ForecastResponse, locale: string, explicitPeriod: boolean): string {
  const unit = data.granularity === 'week' ? 'weeks' : 'months';
  if (data.state !== 'ready' || !data.run)
    return `${data.series.label} · ${data.granularity === 'week' ? 'weekly' : 'monthly'}`;
  const first = data.forecast[0]?.periodStart;
  const since = data.history[0]?.periodStart;
  const history = since
    ? explicitPeriod
      ? ` · history in the chosen period from ${formatBusinessDate(since, locale)}`
      : ` · all history since ${formatBusinessDate(since, locale)}`
    : '';
  const ahead = first ? ` from ${formatBusinessDate(first, locale)}` : '';
  return `${data.series.label} · ${data.forecast.length} ${unit} ahead${ahead}${history}`;
}

function RunMeta({ data, updating }: { data: ForecastResponse; updating: boolean }) {
  const run = data.run;
  return (
    <>
      {data.demoData && <DemoBadge />}
      {run?.finishedAt && (
        <span>
          Forecast computed <RelativeTime iso={run.finishedAt} />
          {run.durationMs !== null && ` in ${formatNumber(run.durationMs / 1000, 'en-GB', 1)} s`} over{' '}
          {formatNumber(run.seriesCount, 'en-GB')} series · levels reconciled by{' '}
          {RECONCILIATION_NAMES[run.reconciliation]}
        </span>
      )}
      <span aria-live="polite">
        {data.activeRun ? 'A new forecast is being computed; it appears here when it is ready. ' : ''}
        {updating ? 'Updating…' : ''}
      </span>
    </>
  );
}

function GranularitySwitch(props: {
  value: ForecastGranularityName;
  onChange: (g: ForecastGranularityName) => void;
}) {
  const id = useId();
  return (
    <fieldset className="demand__switch" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="visually-hidden">
        Forecast periods
      </legend>
      {(['week', 'month'] as const).map((g) => (
        <label
          key={g}
          className={`demand__switch-option${props.value === g ? ' demand__switch-option--on' : ''}`}
        >
          <input
            type="radio"
            name={`${id}-granularity`}
            value={g}
            checked={props.value === g}
            onChange={() => props.onChange(g)}
          />
          {g === 'week' ? 'Weekly' : 'Monthly'}
        </label>
      ))}
    </fieldset>
  );
}

function RefreshButton() {
  const client = useQueryClient();
  const refresh = useMutation({
    mutationFn: requestForecastRun,
    onSuccess: () => void client.invalidateQueries({ queryKey: ['forecasts'] }),
  });
  const queued = refresh.data?.requested.some((r) => r.enqueued);
  return (
    <>
      <button type="button" className="button" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
        Refresh forecast
      </button>
      <span className="demand__refresh-status" aria-live="polite">
        {refresh.isSuccess && (queued ? 'Forecast run queued.' : 'Already up to date with the sales data.')}
        {refresh.isError && 'The refresh could not be requested.'}
      </span>
    </>
  );
}

function Body(props: { data: ForecastResponse; canWrite: boolean; locale: string; stale: boolean }) {
  const { data } = props;
  if (data.state === 'ready') return <DemandContent {...props} />;
  return (
    <section className="panel demand__empty" aria-labelledby="demand-empty">
      <h2 id="demand-empty">
        {data.state === 'no-data'
          ? 'No sales to forecast yet'
          : data.state === 'not-yet'
            ? 'The forecast is not ready yet'
            : `No forecast for ${data.series.label}`}
      </h2>
      <p>{data.message}</p>
      {data.gap && data.gap.supplyBy.length > 0 && <SupplyLinks supplyBy={data.gap.supplyBy} />}
      {data.state === 'not-yet' && data.activeRun && (
        <p className="demand__progress">
          Started <RelativeTime iso={data.activeRun.startedAt} />; this page refreshes by itself.
        </p>
      )}
    </section>
  );
}

function DemandSkeleton() {
  return (
    <LoadingRegion label="Loading the forecast">
      <div className="demand__facts">
        {['total', 'model', 'accuracy'].map((key) => (
          <div key={key} className="panel">
            <Skeleton shape="text" width="8rem" />
            <Skeleton height={48} />
          </div>
        ))}
      </div>
      <div className="panel" style={{ marginTop: 24 }}>
        <Skeleton shape="text" width="18rem" height="1.25rem" />
        <Skeleton height={320} />
      </div>
    </LoadingRegion>
  );
}
