import type {
  CashForecastResponse,
  CashHorizonValue,
  ScenarioView,
  WorkingCapitalAlertView,
} from '@sentia/contracts';
import {
  CASH_HORIZONS,
  type CashForecastInputs,
  cashPeriods,
  dayNumber,
  daysForHorizon,
  projectCash,
} from '@sentia/domain';
import type { AppContext } from '../../../context';
import { resolveScenario } from '../scenarios';
import { buildCashForecastInputs, LEVER_BUFFER_DAYS } from './build-forecast-inputs';

/**
 * The cash forecast for one horizon (30 days daily, 13 weeks weekly, 24 months monthly) under a
 * scenario, with the first projected breach of the minimum cash and its alert. The response carries
 * the projection's inputs so the page can pull levers without another request.
 */
export async function getCashForecast(
  ctx: Pick<AppContext, 'db'>,
  query: { horizon: CashHorizonValue; scenario?: string | undefined },
  today: string,
): Promise<CashForecastResponse> {
  const scenario = await resolveScenario(ctx.db, query.scenario);
  return getCashForecastFor(ctx, query.horizon, scenario, today);
}

/** The cash forecast under a given scenario (saved or not): reads the data, writes nothing. */
export async function getCashForecastFor(
  ctx: Pick<AppContext, 'db'>,
  horizon: CashHorizonValue,
  scenario: ScenarioView,
  today: string,
): Promise<CashForecastResponse> {
  const build = await buildCashForecastInputs(ctx.db, today);
  const inputs = forHorizon(build.inputs, horizon);
  const projection = projectCash(inputs, scenario.adjustments);
  const breach = projection.firstBreach;
  const alerts: WorkingCapitalAlertView[] = breach
    ? [
        {
          kind: 'cash-breach',
          severity: breach.closingCashMinor < 0 ? 'critical' : 'warning',
          date: breach.date,
          message: `Cash is forecast to fall below the minimum on ${breach.date} (short by £${(breach.shortfallMinor / 100).toFixed(2)}; at worst £${(breach.peakShortfallMinor / 100).toFixed(2)} on ${breach.peakDate}) in the ${scenario.name} scenario.`,
        },
      ]
    : [];
  return {
    ...build,
    horizon,
    granularity: CASH_HORIZONS[horizon].granularity,
    scenario,
    // The scenario's FX shift revalues the opening balances too.
    openingCashMinor: build.openingCashMinor === null ? null : projection.openingCashMinor,
    inputs: inputsView(inputs),
    periods: cashPeriods(projection, horizon),
    firstBreach: breach,
    alerts,
    unconverted: [...new Set([...build.unconverted, ...projection.unconverted])].sort(),
    generatedAt: new Date().toISOString(),
  };
}

/** The inputs as plain JSON for the response (rates as numbers, arrays copied). */
function inputsView(inputs: CashForecastInputs): CashForecastResponse['inputs'] {
  return {
    ...inputs,
    openingCash: [...inputs.openingCash],
    rates: Object.fromEntries(Object.entries(inputs.rates).map(([c, r]) => [c, Number(r)])),
    flows: [...inputs.flows],
    series: inputs.series.map((s) => ({ ...s, minor: [...s.minor] })),
    facility: { ...inputs.facility },
  };
}

/** The inputs cut to one horizon, keeping the flows a lever could pull into it. */
export function forHorizon(inputs: CashForecastInputs, horizon: CashHorizonValue): CashForecastInputs {
  const days = daysForHorizon(inputs.asOf, horizon);
  const keep = days + LEVER_BUFFER_DAYS;
  const last = dayNumber(inputs.asOf) + keep;
  return {
    ...inputs,
    days,
    flows: inputs.flows.filter((f) => dayNumber(f.date) <= last),
    series: inputs.series.map((s) => ({
      ...s,
      minor: s.minor.slice(0, Math.max(0, last - dayNumber(s.start) + 1)),
    })),
  };
}
