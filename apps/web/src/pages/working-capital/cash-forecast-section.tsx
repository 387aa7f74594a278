import type {
  CashAdjustmentsView,
  CashForecastResponse,
  CashHorizonValue,
  ScenarioView,
} from '@sentia/contracts';
import { type Levers, NO_LEVERS } from '@sentia/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatBusinessDate } from '../../format/date';
import { formatMoney } from '../../format/number';
import { ErrorPanel } from '../../ui/error-panel';
import { SupplyLinks } from '../../ui/kpi-tile';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { TimeSeriesChart } from '../../ui/time-series-chart';
import { LeverPanel, PeriodTable, ScenarioTable } from './cash-forecast-parts';
import { ScenarioEditor } from './scenario-editor';
import {
  applyLevers,
  cashChartModel,
  compareScenarios,
  describeAdjustments,
  type LeverOutcome,
  leversPulled,
} from './wc-model';
import { cashForecastQuery } from './wc-queries';

const HORIZONS: { id: CashHorizonValue; label: string }[] = [
  { id: '30d', label: '30 days (daily)' },
  { id: '13w', label: '13 weeks (weekly)' },
  { id: '24m', label: '24 months (monthly)' },
];

/**
 * The cash forecast: horizon and scenario choice, lever sliders computed in the browser on the API's
 * inputs, the chart with the minimum-cash line and the breach marked, the first breach in words,
 * the period table, the scenarios side by side, and how each line was built.
 */
export function CashForecastSection(props: {
  scenarios: readonly ScenarioView[];
  locale: string;
  canSaveScenarios: boolean;
}) {
  const { scenarios, locale } = props;
  const [horizon, setHorizon] = useState<CashHorizonValue>('13w');
  const [scenarioName, setScenarioName] = useState('Base');
  const [levers, setLevers] = useState<Levers>(NO_LEVERS);
  // Unsaved edits of the chosen scenario's assumptions, applied at once.
  const [draft, setDraft] = useState<CashAdjustmentsView | null>(null);
  const forecast = useQuery(cashForecastQuery(horizon));
  const scenario = scenarios.find((s) => s.name === scenarioName) ?? scenarios[0];
  const data = forecast.data;

  return (
    <section className="wc-section" aria-labelledby="cash-heading" id="cash">
      <div className="wc-section__head">
        <h2 id="cash-heading">Cash forecast</h2>
        <div className="wc-controls no-print">
          <fieldset className="wc-segmented">
            <legend className="visually-hidden">Horizon</legend>
            {HORIZONS.map((h) => (
              <label key={h.id} className={h.id === horizon ? 'is-selected' : undefined}>
                <input
                  type="radio"
                  name="cash-horizon"
                  value={h.id}
                  checked={h.id === horizon}
                  onChange={() => setHorizon(h.id)}
                />
                {h.label}
              </label>
            ))}
          </fieldset>
          <label className="wc-field">
            Scenario
            <select
              value={scenario?.name ?? ''}
              onChange={(e) => setScenarioName(e.target.value)}
              data-testid="scenario"
            >
              {scenarios.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {forecast.isError && (
        <ErrorPanel
          error={forecast.error}
          heading="The cash forecast could not be loaded"
          onRetry={() => void forecast.refetch()}
        />
      )}
      {data && scenario && (
        <ScenarioEditor
          key={scenario.name}
          scenario={scenario}
          draft={draft}
          setDraft={setDraft}
          currencies={Object.keys(data.inputs.rates).sort()}
          canSave={props.canSaveScenarios}
          onSaved={setScenarioName}
        />
      )}
      {data && scenario ? (
        <ForecastBody
          forecast={data}
          scenario={draft ? { ...scenario, adjustments: draft } : scenario}
          scenarios={scenarios}
          levers={levers}
          setLevers={setLevers}
          locale={locale}
        />
      ) : (
        forecast.isPending && (
          <LoadingRegion label="Loading the cash forecast">
            <Skeleton height={320} />
          </LoadingRegion>
        )
      )}
    </section>
  );
}

function ForecastBody(props: {
  forecast: CashForecastResponse;
  scenario: ScenarioView;
  scenarios: readonly ScenarioView[];
  levers: Levers;
  setLevers: (levers: Levers) => void;
  locale: string;
}) {
  const { forecast, scenario, scenarios, levers, setLevers, locale } = props;
  const pulled = leversPulled(levers);
  const outcome = useMemo(
    () => applyLevers(forecast, scenario.adjustments, levers),
    [forecast, scenario, levers],
  );
  const chart = useMemo(
    () => cashChartModel(outcome, forecast.minimumCashMinor, locale, pulled),
    [outcome, forecast.minimumCashMinor, locale, pulled],
  );
  const comparison = useMemo(
    () => compareScenarios(forecast, scenarios, levers),
    [forecast, scenarios, levers],
  );
  const money = (minor: number) => formatMoney(minor, 'GBP', locale, { wholeUnits: true });
  const breach = outcome.projection.firstBreach;
  const horizonLabel = HORIZONS.find((h) => h.id === forecast.horizon)?.label ?? forecast.horizon;

  return (
    <div className="wc-cash">
      {forecast.gaps.length > 0 && (
        <div className="panel wc-gaps">
          {forecast.gaps.map((gap) => (
            <div key={gap.reason}>
              <p>{gap.reason}</p>
              <SupplyLinks supplyBy={gap.supplyBy} />
            </div>
          ))}
        </div>
      )}
      <p className="wc-cash__summary">
        Opening cash{' '}
        <strong
          className="tabular"
          data-testid="opening-cash"
          data-value={outcome.projection.openingCashMinor ?? ''}
        >
          {outcome.projection.openingCashMinor === null
            ? 'unknown'
            : money(outcome.projection.openingCashMinor)}
        </strong>{' '}
        on {formatBusinessDate(forecast.asOf, locale)} ({forecast.accounts.length} bank accounts); closing
        cash after {horizonLabel.replace(/ \(.*\)/, '')}{' '}
        <strong
          className="tabular"
          data-testid="closing-cash"
          data-value={outcome.moved.at(-1)?.closingCashMinor ?? ''}
        >
          {money(outcome.moved.at(-1)?.closingCashMinor ?? 0)}
        </strong>{' '}
        in the {scenario.name} scenario ({describeAdjustments(scenario.adjustments)}).
      </p>
      <BreachCallout breach={breach} minimum={forecast.minimumCashMinor} money={money} locale={locale} />
      <LeverPanel levers={levers} setLevers={setLevers} outcome={outcome} money={money} pulled={pulled} />
      <TimeSeriesChart
        title={`Closing cash, next ${horizonLabel}`}
        x={chart.x}
        xLabel={
          forecast.granularity === 'day'
            ? 'Day'
            : forecast.granularity === 'week'
              ? 'Week starting'
              : 'Month starting'
        }
        series={chart.series}
        bands={chart.bands}
        axes={chart.axes}
        threshold={chart.threshold}
        exportName={`cash-forecast-${forecast.horizon}-${scenario.name.toLowerCase().replace(/\W+/g, '-')}`}
      />
      <PeriodTable outcome={outcome} forecast={forecast} money={money} locale={locale} />
      <ScenarioTable comparison={comparison} money={money} locale={locale} />
      <details className="panel wc-assumptions">
        <summary>How this forecast is built</summary>
        <dl>
          {forecast.assumptions.map((a) => (
            <div key={a.category}>
              <dt>{a.category}</dt>
              <dd>{a.text}</dd>
            </div>
          ))}
          <div>
            <dt>FX</dt>
            <dd>
              Future amounts at the latest rates:{' '}
              {forecast.rates.map((r) => `${r.currency} ${r.gbpPerUnit} GBP (${r.rateDate})`).join(', ') ||
                'GBP only'}
              .
            </dd>
          </div>
        </dl>
      </details>
    </div>
  );
}

function BreachCallout(props: {
  breach: LeverOutcome['projection']['firstBreach'];
  minimum: number;
  money: (minor: number) => string;
  locale: string;
}) {
  const { breach, minimum, money, locale } = props;
  if (!breach) {
    return (
      <p className="wc-callout wc-callout--ok" data-testid="breach" data-breach="none">
        No day in this horizon closes below the minimum cash of {money(minimum)}.
      </p>
    );
  }
  return (
    <p className="wc-callout wc-callout--bad" role="status" data-testid="breach" data-breach={breach.date}>
      <strong>First breach: {formatBusinessDate(breach.date, locale)}</strong>, {money(breach.shortfallMinor)}{' '}
      below the minimum cash of {money(minimum)}; at worst {money(breach.peakShortfallMinor)} below on{' '}
      {formatBusinessDate(breach.peakDate, locale)}
      {breach.recoversOn
        ? `, back above on ${formatBusinessDate(breach.recoversOn, locale)}`
        : ', not recovered within the horizon'}
      .
    </p>
  );
}
