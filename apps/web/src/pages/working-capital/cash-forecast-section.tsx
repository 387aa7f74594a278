import type { CashForecastResponse, CashHorizonValue, ScenarioView } from '@sentia/contracts';
import { type Levers, NO_LEVERS } from '@sentia/domain';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { formatBusinessDate } from '../../format/date';
import { formatMoney } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { SupplyLinks } from '../../ui/kpi-tile';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { TimeSeriesChart } from '../../ui/time-series-chart';
import { CsvButton } from './csv-button';
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

const LEVERS: { key: keyof Levers; label: string; help: string }[] = [
  {
    key: 'dsoReductionDays',
    label: 'Reduce DSO by',
    help: 'Customers pay sooner: every receipt arrives this many days earlier.',
  },
  {
    key: 'dpoExtensionDays',
    label: 'Extend DPO by',
    help: 'Suppliers are paid later: every supplier payment moves this many days.',
  },
  {
    key: 'dioReductionDays',
    label: 'Cut DIO by',
    help: 'Hold fewer days of stock: that much less is bought back.',
  },
];

/**
 * The cash forecast: horizon and scenario choice, lever sliders computed in the browser on the API's
 * inputs, the chart with the minimum-cash line and the breach marked, the first breach in words,
 * the period table, the scenarios side by side, and how each line was built.
 */
export function CashForecastSection(props: { scenarios: readonly ScenarioView[]; locale: string }) {
  const { scenarios, locale } = props;
  const [horizon, setHorizon] = useState<CashHorizonValue>('13w');
  const [scenarioName, setScenarioName] = useState('Base');
  const [levers, setLevers] = useState<Levers>(NO_LEVERS);
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
      {data && scenario ? (
        <ForecastBody
          forecast={data}
          scenario={scenario}
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

function LeverPanel(props: {
  levers: Levers;
  setLevers: (levers: Levers) => void;
  outcome: LeverOutcome;
  money: (minor: number) => string;
  pulled: boolean;
}) {
  const { levers, setLevers, outcome, money, pulled } = props;
  const id = useId();
  const released = {
    dsoReductionDays: outcome.released.dsoMinor,
    dpoExtensionDays: outcome.released.dpoMinor,
    dioReductionDays: outcome.released.dioMinor,
  };
  return (
    <fieldset className="panel wc-levers no-print">
      <legend>Levers</legend>
      {LEVERS.map((lever) => (
        <div key={lever.key} className="wc-lever">
          <label className="wc-lever__label" htmlFor={`${id}-${lever.key}`}>
            {lever.label} <output className="tabular">{levers[lever.key]} days</output>
          </label>
          <input
            id={`${id}-${lever.key}`}
            type="range"
            min={0}
            max={30}
            step={1}
            value={levers[lever.key]}
            aria-describedby={`${id}-${lever.key}-help`}
            data-lever={lever.key}
            onChange={(e) => setLevers({ ...levers, [lever.key]: Number(e.target.value) })}
          />
          <p id={`${id}-${lever.key}-help`} className="wc-lever__help">
            {lever.help} Cash released: <span className="tabular">{money(released[lever.key])}</span>
          </p>
        </div>
      ))}
      <p className="wc-levers__total" aria-live="polite">
        Cash released by the levers: <strong className="tabular">{money(outcome.released.totalMinor)}</strong>{' '}
        (the change in the balances); effect on cash at the end of this horizon:{' '}
        <strong className="tabular" data-testid="lever-effect" data-value={outcome.horizonEffectMinor}>
          {outcome.horizonEffectMinor >= 0 ? '+' : '−'}
          {money(Math.abs(outcome.horizonEffectMinor))}
        </strong>
        .
      </p>
      {pulled && (
        <button type="button" className="button" onClick={() => setLevers(NO_LEVERS)}>
          Reset levers
        </button>
      )}
    </fieldset>
  );
}

function PeriodTable(props: {
  outcome: LeverOutcome;
  forecast: CashForecastResponse;
  money: (minor: number) => string;
  locale: string;
}) {
  const { outcome, forecast, money, locale } = props;
  type Row = (typeof outcome.moved)[number];
  const columns: Column<Row>[] = [
    {
      key: 'start',
      header: forecast.granularity === 'day' ? 'Day' : 'Period',
      cell: (r) => periodLabel(r, forecast.granularity, locale),
    },
    { key: 'in', header: 'Receipts', align: 'end', cell: (r) => money(r.receiptsMinor) },
    { key: 'out', header: 'Payments', align: 'end', cell: (r) => money(r.paymentsMinor) },
    { key: 'net', header: 'Net flow', align: 'end', cell: (r) => money(r.netFlowMinor) },
    { key: 'facility', header: 'Facility', align: 'end', cell: (r) => money(r.facilityMovementMinor) },
    { key: 'closing', header: 'Closing cash', align: 'end', cell: (r) => money(r.closingCashMinor) },
    {
      key: 'lowest',
      header: 'Lowest',
      align: 'end',
      cell: (r) => (
        <span className={r.daysBelowMinimum > 0 ? 'wc-below' : undefined}>
          {money(r.lowestCashMinor)}
          {r.daysBelowMinimum > 0 && <span className="visually-hidden"> (below minimum)</span>}
        </span>
      ),
    },
    { key: 'headroom', header: 'Headroom', align: 'end', cell: (r) => money(r.headroomMinor) },
  ];
  const csv = () => ({
    header: [
      'start',
      'end',
      'receipts_minor',
      'payments_minor',
      'net_minor',
      'facility_minor',
      'closing_cash_minor',
      'lowest_cash_minor',
      'headroom_minor',
    ],
    rows: outcome.moved.map((p) => [
      p.start,
      p.end,
      p.receiptsMinor,
      p.paymentsMinor,
      p.netFlowMinor,
      p.facilityMovementMinor,
      p.closingCashMinor,
      p.lowestCashMinor,
      p.headroomMinor,
    ]),
  });
  return (
    <div className="wc-table wc-nowrap">
      <div className="wc-table__actions no-print">
        <CsvButton name={`cash-forecast-${forecast.horizon}-periods`} build={csv} />
      </div>
      <DataTable
        caption="Cash by period (GBP, with the levers)"
        columns={columns}
        rows={outcome.moved}
        rowKey={(r) => r.start}
      />
    </div>
  );
}

function periodLabel(row: { start: string; end: string }, granularity: string, locale: string): string {
  if (granularity === 'day') return formatBusinessDate(row.start, locale);
  if (granularity === 'month') {
    return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${row.start}T00:00:00Z`),
    );
  }
  // "30 Nov – 6 Dec 2026": the shared year once.
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatRange(new Date(`${row.start}T00:00:00Z`), new Date(`${row.end}T00:00:00Z`));
}

function ScenarioTable(props: {
  comparison: ReturnType<typeof compareScenarios>;
  money: (minor: number) => string;
  locale: string;
}) {
  const { comparison, money, locale } = props;
  type Row = (typeof comparison)[number];
  const columns: Column<Row>[] = [
    { key: 'name', header: 'Scenario', cell: (r) => r.scenario.name },
    { key: 'changes', header: 'Changes', cell: (r) => describeAdjustments(r.scenario.adjustments) },
    { key: 'closing', header: 'Closing cash', align: 'end', cell: (r) => money(r.closingCashMinor) },
    {
      key: 'lowest',
      header: 'Lowest cash',
      align: 'end',
      cell: (r) => `${money(r.lowestCashMinor)} (${formatBusinessDate(r.lowestCashDate, locale, 'short')})`,
    },
    {
      key: 'breach',
      header: 'First breach',
      cell: (r) =>
        r.firstBreach
          ? `${formatBusinessDate(r.firstBreach, locale)}, ${money(r.shortfallMinor ?? 0)} short`
          : 'None',
    },
  ];
  return (
    <DataTable
      caption="Scenarios side by side (same horizon, levers included)"
      columns={columns}
      rows={comparison}
      rowKey={(r) => r.scenario.name}
    />
  );
}
