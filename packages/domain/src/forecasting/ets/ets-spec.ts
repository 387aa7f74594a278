/** The ETS taxonomy of Hyndman, Koehler, Ord & Snyder (2008): Error, Trend, Seasonal. */

export type EtsError = 'A' | 'M';
export type EtsTrend = 'N' | 'A' | 'Ad';
export type EtsSeason = 'N' | 'A' | 'M';

export interface EtsSpec {
  readonly error: EtsError;
  readonly trend: EtsTrend;
  readonly season: EtsSeason;
}

/** Numeric codes used by the inner loops. */
export const TREND_NONE = 0;
export const TREND_ADDITIVE = 1;
export const TREND_DAMPED = 2;
export const SEASON_NONE = 0;
export const SEASON_ADDITIVE = 1;
export const SEASON_MULTIPLICATIVE = 2;

export function trendCode(trend: EtsTrend): number {
  return trend === 'N' ? TREND_NONE : trend === 'A' ? TREND_ADDITIVE : TREND_DAMPED;
}

export function seasonCode(season: EtsSeason): number {
  return season === 'N' ? SEASON_NONE : season === 'A' ? SEASON_ADDITIVE : SEASON_MULTIPLICATIVE;
}

/** "ETS(M,Ad,N)". */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** Parses "MAdN", "M,Ad,N" or "ETS(M,Ad,N)". */
export function parseEtsSpec(text: string): EtsSpec {
  const compact = text.replace(/^ETS\(|\)$/g, '').replace(/[,\s]/g, '');
  const match = /^([AM])(N|Ad|A)([NAM])$/.exec(compact);
  if (!match) throw new RangeError(`Unknown ETS model "${text}"`);
  return { error: match[1] as EtsError, trend: match[2] as EtsTrend, season: match[3] as EtsSeason };
}

/**
 * Number of estimated parameters, counted as R's `ets()` does for the information criteria: smoothing
 * parameters, initial states (m − 1 free seasonal states) and the error variance.
 */
export function etsParameterCount(spec: EtsSpec, period: number): number {
  let k = 2; // alpha, initial level
  if (spec.trend !== 'N') k += 2; // beta, initial slope
  if (spec.trend === 'Ad') k += 1; // phi
  if (spec.season !== 'N') k += 1 + (period - 1); // gamma, seasonal states
  return k + 1; // error variance
}

/** Every model in the family; `ets()` in R excludes additive error with multiplicative seasonality. */
export function allEtsSpecs(): EtsSpec[] {
  const out: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const)
    for (const trend of ['N', 'A', 'Ad'] as const)
      for (const season of ['N', 'A', 'M'] as const) out.push({ error, trend, season });
  return out;
}
