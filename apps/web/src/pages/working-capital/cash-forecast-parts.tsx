import type { CashForecastResponse } from '@sentia/contracts';
import { type Levers, NO_LEVERS } from '@sentia/domain';
import { useId } from 'react';
import { formatBusinessDate } from '../../format/date';
import { type Column, DataTable } from '../../ui/data-table';
import { CsvButton } from './csv-button';
import { type compareScenarios, describeAdjustments, type LeverOutcome } from './wc-model';

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

/** Lever sliders with the cash each releases (balance change) and the effect on the horizon's closing cash. */
export function LeverPanel(props: {
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

/** Receipts, payments, facility and cash per period, with the levers applied. */
export function PeriodTable(props: {
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

/** Every scenario on the same inputs and horizon, levers included. */
export function ScenarioTable(props: {
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
