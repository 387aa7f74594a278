import type { CashForecastResponse, ScenarioView, WorkingCapitalSummaryResponse } from '@sentia/contracts';
import {
  type CashAdjustments,
  type CashHorizon,
  type CashPeriod,
  type CashProjection,
  cashPeriods,
  type LeverEffect,
  type Levers,
  leverCashReleased,
  NO_LEVERS,
  projectCash,
  withLevers,
} from '@sentia/domain';
import { formatFixed, formatMoney, majorToMinor, minorToMajor } from '../../format/number';
import type { ChartAxis, ChartBand, ChartSeries, ChartThreshold } from '../../ui/chart-model';

/** Days measures with one decimal ("42.5 days"); n/a when there is no value. */
export function formatDays(value: number | null, locale: string): string {
  return value === null ? 'n/a' : `${formatFixed(value, locale, 1)} days`;
}

export function moneyOrNa(minor: number | null, currency: string, locale: string, whole = true): string {
  return minor === null ? 'n/a' : formatMoney(minor, currency, locale, { wholeUnits: whole });
}

/**
 * The trend chart covers the 12 months to the period end, or the whole period when it is longer:
 * a 90-day filter still shows a year of DSO/DIO/DPO/CCC.
 */
export function summaryPeriod(period: { from: string; to: string }): { from: string; to: string } {
  const to = period.to;
  const year = Number(to.slice(0, 4));
  const month = Number(to.slice(5, 7)) - 1 - 11;
  const start = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  return { from: [period.from, start].sort()[0]!, to };
}

export interface DaysChartModel {
  x: string[];
  series: ChartSeries[];
  axes: { left: ChartAxis };
  threshold: ChartThreshold;
}

/** DSO, DIO, DPO and CCC per month (n/a months are gaps), with the CCC target as a line. */
export function daysChartModel(summary: WorkingCapitalSummaryResponse, locale: string): DaysChartModel {
  const format = (v: number) => `${formatFixed(v, locale, 1)} days`;
  const line = (key: 'ccc' | 'dso' | 'dio' | 'dpo', label: string): ChartSeries => ({
    key,
    label,
    axis: 'left',
    values: summary.months.map((m) => m[key]),
    format,
  });
  return {
    x: summary.months.map((m) => m.from),
    series: [line('ccc', 'CCC'), line('dso', 'DSO'), line('dio', 'DIO'), line('dpo', 'DPO')],
    axes: { left: { label: 'Days', tick: (v) => formatFixed(v, locale, 0) } },
    threshold: {
      label: `CCC target (${summary.thresholds.target} days)`,
      value: summary.thresholds.target,
      axis: 'left',
      format,
    },
  };
}

export interface LeverOutcome {
  /** The scenario as the API computed it, re-projected here from the same inputs. */
  base: CashPeriod[];
  /** The scenario with the levers pulled. */
  moved: CashPeriod[];
  projection: CashProjection;
  released: LeverEffect;
  /** Change in net cash (cash less facility drawn) at the end of the horizon. */
  horizonEffectMinor: number;
}

/**
 * The forecast with the lever sliders pulled, computed in the browser with the same pure function
 * the server uses, on the inputs the API returned: instant, and identical to the server's figures
 * when the levers are at zero.
 */
export function applyLevers(
  forecast: CashForecastResponse,
  adjustments: CashAdjustments,
  levers: Levers,
): LeverOutcome {
  const horizon = forecast.horizon as CashHorizon;
  const baseProjection = projectCash(forecast.inputs, adjustments);
  const projection = projectCash(forecast.inputs, withLevers(adjustments, levers));
  const base = cashPeriods(baseProjection, horizon);
  const moved = cashPeriods(projection, horizon);
  return {
    base,
    moved,
    projection,
    released: leverCashReleased(forecast.inputs.basis, levers),
    horizonEffectMinor: (moved.at(-1)?.netCashMinor ?? 0) - (base.at(-1)?.netCashMinor ?? 0),
  };
}

export function leversPulled(levers: Levers): boolean {
  return (
    levers.dsoReductionDays !== NO_LEVERS.dsoReductionDays ||
    levers.dpoExtensionDays !== NO_LEVERS.dpoExtensionDays ||
    levers.dioReductionDays !== NO_LEVERS.dioReductionDays
  );
}

export interface CashChartModel {
  x: string[];
  series: ChartSeries[];
  bands: ChartBand[];
  axes: { left: ChartAxis };
  threshold: ChartThreshold;
}

/**
 * Closing cash per period (with levers), the scenario without levers when they are pulled, and the
 * breach marked as a shaded band between the period's lowest cash and the minimum, over every
 * period with a day below it (tapering to zero in the periods either side, so even a one-period
 * breach is a visible wedge).
 */
export function cashChartModel(
  outcome: LeverOutcome,
  minimumCashMinor: number,
  locale: string,
  pulled: boolean,
): CashChartModel {
  const currency = 'GBP';
  const money = (major: number) => formatMoney(majorToMinor(major, currency), currency, locale);
  const closing = (periods: CashPeriod[]) => periods.map((p) => minorToMajor(p.closingCashMinor, currency));
  const below = outcome.moved.map((p) => p.daysBelowMinimum > 0);
  const minimum = minorToMajor(minimumCashMinor, currency);
  const near = (i: number) => below[i - 1] === true || below[i + 1] === true;
  const lower = outcome.moved.map((p, i) =>
    below[i] ? minorToMajor(p.lowestCashMinor, currency) : near(i) ? minimum : null,
  );
  const upper = outcome.moved.map((_, i) => (below[i] || near(i) ? minimum : null));
  const series: ChartSeries[] = [
    {
      key: 'cash',
      label: pulled ? 'Closing cash with levers' : 'Closing cash',
      axis: 'left',
      values: closing(outcome.moved),
      format: money,
    },
  ];
  if (pulled) {
    series.push({
      key: 'base',
      label: 'Without levers',
      axis: 'left',
      values: closing(outcome.base),
      format: money,
    });
  }
  const bands: ChartBand[] = below.some(Boolean)
    ? [
        {
          key: 'breach',
          label: 'Breach: lowest cash below the minimum',
          axis: 'left',
          lower,
          upper,
          format: money,
          colour: '#B0281B',
        },
      ]
    : [];
  return {
    x: outcome.moved.map((p) => p.start),
    series,
    bands,
    axes: {
      left: {
        label: currency,
        tick: (v) => formatMoney(majorToMinor(v, currency), currency, locale, { compact: true }),
      },
    },
    threshold: {
      label: `Minimum cash (${formatMoney(minimumCashMinor, currency, locale, { wholeUnits: true })})`,
      value: minimum,
      axis: 'left',
      format: money,
    },
  };
}

export interface ScenarioComparison {
  scenario: ScenarioView;
  closingCashMinor: number;
  lowestCashMinor: number;
  lowestCashDate: string;
  firstBreach: string | null;
  shortfallMinor: number | null;
}

/** Every scenario projected on the same inputs, with the levers pulled on top, side by side. */
export function compareScenarios(
  forecast: CashForecastResponse,
  scenarios: readonly ScenarioView[],
  levers: Levers,
): ScenarioComparison[] {
  return scenarios.map((scenario) => {
    const projection = projectCash(forecast.inputs, withLevers(scenario.adjustments, levers));
    const lowest = projection.days.reduce(
      (low, d) => (d.closingCashMinor < low.closingCashMinor ? d : low),
      projection.days[0]!,
    );
    return {
      scenario,
      closingCashMinor: projection.days.at(-1)?.closingCashMinor ?? 0,
      lowestCashMinor: lowest.closingCashMinor,
      lowestCashDate: lowest.date,
      firstBreach: projection.firstBreach?.date ?? null,
      shortfallMinor: projection.firstBreach?.shortfallMinor ?? null,
    };
  });
}

/** "Revenue −10%, DSO +10 days, USD −10%" — what a scenario changes, in words. */
export function describeAdjustments(adjustments: CashAdjustments): string {
  const parts: string[] = [];
  const signed = (v: number) => (v > 0 ? `+${v}` : `${v}`.replace('-', '−'));
  if (adjustments.revenuePct) parts.push(`Revenue ${signed(adjustments.revenuePct)}%`);
  if (adjustments.cogsPct) parts.push(`COGS ${signed(adjustments.cogsPct)}%`);
  if (adjustments.dsoDays) parts.push(`DSO ${signed(adjustments.dsoDays)} days`);
  if (adjustments.dpoDays) parts.push(`DPO ${signed(adjustments.dpoDays)} days`);
  if (adjustments.dioDays) parts.push(`DIO ${signed(adjustments.dioDays)} days`);
  for (const [currency, pct] of Object.entries(adjustments.fxPct)) {
    if (pct) parts.push(`${currency} ${signed(pct)}%`);
  }
  return parts.length === 0 ? 'No changes to the data-driven forecast' : parts.join(', ');
}
