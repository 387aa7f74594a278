import type { ForecastResponse } from '@sentia/contracts';
import type { ForecastAdjustment } from '@sentia/domain';
import { useMemo, useState } from 'react';
import { useGlobalFilters } from '../../filters/use-global-filters';
import { formatBusinessDate } from '../../format/date';
import { formatFixed, formatNumber, formatPercent } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { TimeSeriesChart } from '../../ui/time-series-chart';
import { AdjustmentPanel } from './adjustment-panel';
import { demandChartModel, draftFrom, horizonTotal, modelHeadline, previewAdjusted } from './demand-model';
import { DrillTable } from './drill-table';

interface ContentProps {
  data: ForecastResponse;
  canWrite: boolean;
  locale: string;
  stale: boolean;
}

/** A ready forecast: key facts, the chart, the adjustment controls and the drill-down. */
export function DemandContent({ data, canWrite, locale, stale }: ContentProps) {
  const { filters } = useGlobalFilters();
  // The planner's draft lives here so the chart previews it as it changes; it restarts from the saved
  // adjustment whenever another series, granularity or saved version is shown.
  const identity = `${data.series.key}|${data.granularity}|${data.adjustment?.version ?? 0}`;
  const [draftState, setDraftState] = useState<{ identity: string; draft: ForecastAdjustment }>(() => ({
    identity,
    draft: draftFrom(data),
  }));
  const draft = draftState.identity === identity ? draftState.draft : draftFrom(data);
  const setDraft = (next: ForecastAdjustment) => setDraftState({ identity, draft: next });

  const adjusted = useMemo(() => previewAdjusted(data, draft), [data, draft]);
  const chart = useMemo(() => demandChartModel(data, adjusted, locale), [data, adjusted, locale]);
  const unit = data.granularity === 'week' ? 'week' : 'month';
  const model = modelHeadline(data.model?.model ?? '');
  const statisticalTotal = horizonTotal(data.forecast.map((p) => p.statistical.mean));
  const adjustedTotal = horizonTotal(adjusted.mean);

  return (
    <div className="demand__body" aria-busy={stale}>
      <section className="demand__facts" aria-label="Forecast summary">
        <div className="panel demand__fact">
          <h2>
            Next {data.forecast.length} {unit}s
          </h2>
          <p className="demand__figure tabular" data-testid="statistical-total">
            {formatNumber(Math.round(statisticalTotal), locale)} units
          </p>
          <p className="demand__note">
            Statistical forecast
            {Math.abs(adjustedTotal - statisticalTotal) > 0.5 && (
              <>
                ; adjusted{' '}
                <strong className="tabular" data-testid="adjusted-total">
                  {formatNumber(Math.round(adjustedTotal), locale)} units
                </strong>{' '}
                ({signedPercent(adjustedTotal / statisticalTotal - 1, locale)})
              </>
            )}
          </p>
        </div>
        <div className="panel demand__fact">
          <h2>Method</h2>
          <p className="demand__figure demand__model" data-testid="model">
            {model.headline}
          </p>
          <p className="demand__note">
            {model.detail ? `${model.detail}. ` : ''}Method “{data.model?.method}” (Croston, SBA or TSB when
            demand is intermittent); demand class {data.model?.demandClass ?? 'unknown'}
            {data.model?.seasonal ? ', seasonal' : ''}.
          </p>
        </div>
        <div className="panel demand__fact">
          <h2>Backtest accuracy</h2>
          {data.accuracy ? (
            <>
              <p className="demand__figure tabular" data-testid="smape">
                sMAPE {formatFixed(data.accuracy.smape ?? Number.NaN, locale, 1)}%
              </p>
              <p className="demand__note">
                MASE {formatFixed(data.accuracy.mase ?? Number.NaN, locale, 2)} · bias{' '}
                {formatNumber(data.accuracy.bias ?? Number.NaN, locale, 1)} units/{unit} · actuals inside the
                80% band {formatPercent(data.accuracy.coverage80 ?? Number.NaN, locale, 0)}, 95% band{' '}
                {formatPercent(data.accuracy.coverage95 ?? Number.NaN, locale, 0)}. Rolling origin:{' '}
                {data.accuracy.origins} forecasts {data.accuracy.horizon} {unit}s ahead from past dates.
              </p>
            </>
          ) : (
            <p className="demand__note">Too little history to score the method on past periods.</p>
          )}
        </div>
      </section>

      <TimeSeriesChart
        title={`${data.series.label}: units by ${unit}, actual and forecast`}
        x={chart.x}
        xLabel={data.granularity === 'week' ? 'Week starting' : 'Month'}
        series={chart.series}
        bands={chart.bands}
        axes={chart.axes}
        height={340}
        exportName={`demand-${data.series.key.replace(/[^\w-]+/g, '_')}-${data.granularity}`}
      />

      <div className="demand__stack">
        <AdjustmentPanel
          data={data}
          draft={draft}
          onDraft={setDraft}
          canWrite={canWrite}
          locale={locale}
          adjustedTotal={adjustedTotal}
          statisticalTotal={statisticalTotal}
        />
        <DrillTable data={data} filters={filters} locale={locale} />
      </div>

      <details className="panel demand__values">
        <summary>Forecast values by {unit}</summary>
        <ValuesTable data={data} adjusted={adjusted.mean} locale={locale} />
      </details>
    </div>
  );
}

interface ValueRow {
  periodStart: string;
  statistical: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
  adjusted: number;
}

function ValuesTable({
  data,
  adjusted,
  locale,
}: {
  data: ForecastResponse;
  adjusted: Float64Array;
  locale: string;
}) {
  const rows: ValueRow[] = data.forecast.map((p, h) => ({
    periodStart: p.periodStart,
    statistical: p.statistical.mean,
    lower80: p.statistical.lower80,
    upper80: p.statistical.upper80,
    lower95: p.statistical.lower95,
    upper95: p.statistical.upper95,
    adjusted: adjusted[h]!,
  }));
  const n = (v: number) => formatNumber(Math.round(v), locale);
  const columns: Column<ValueRow>[] = [
    {
      key: 'period',
      header: data.granularity === 'week' ? 'Week starting' : 'Month',
      cell: (r) => formatBusinessDate(r.periodStart, locale),
    },
    { key: 'statistical', header: 'Statistical', align: 'end', cell: (r) => n(r.statistical) },
    { key: 'band80', header: '80% interval', align: 'end', cell: (r) => `${n(r.lower80)} – ${n(r.upper80)}` },
    { key: 'band95', header: '95% interval', align: 'end', cell: (r) => `${n(r.lower95)} – ${n(r.upper95)}` },
    { key: 'adjusted', header: 'Adjusted', align: 'end', cell: (r) => n(r.adjusted) },
  ];
  return (
    <DataTable
      caption="Forecast values (units)"
      hideCaption
      columns={columns}
      rows={rows}
      rowKey={(r) => r.periodStart}
    />
  );
}

function signedPercent(fraction: number, locale: string): string {
  return `${fraction > 0 ? '+' : ''}${formatPercent(fraction, locale)}`;
}
