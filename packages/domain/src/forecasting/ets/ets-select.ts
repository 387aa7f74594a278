import { type EtsFit, fitEts } from './ets-fit';
import type { EtsSeason, EtsSpec, EtsTrend } from './ets-spec';

export interface EtsSelectOptions {
  /** Consider damped trends (default true). */
  readonly allowDamped?: boolean;
  /** Consider trends at all (default true). */
  readonly allowTrend?: boolean;
  /** Consider seasonal models when period > 1 (default true). */
  readonly allowSeasonal?: boolean;
  /** Consider multiplicative errors and seasonality (default true; never with non-positive data). */
  readonly allowMultiplicative?: boolean;
  readonly maxEvaluations?: number;
  /**
   * Start each multiplicative-error model at the optimum of its additive-error twin (default true):
   * the smoothing parameters and initial states of the two are close, and the fit takes fewer steps.
   */
  readonly warmStart?: boolean;
}

/** The candidate models, as R's `ets()` with `restrict = TRUE` (no additive error with multiplicative season). */
export function etsCandidates(y: Float64Array, period: number, options: EtsSelectOptions = {}): EtsSpec[] {
  let positive = true;
  for (let i = 0; i < y.length; i++) if (!(y[i]! > 0)) positive = false;
  const multiplicative = (options.allowMultiplicative ?? true) && positive;
  const seasonal = (options.allowSeasonal ?? true) && period > 1 && y.length >= 2 * period;
  const trends: EtsTrend[] = ['N'];
  if (options.allowTrend ?? true) {
    trends.push('A');
    if (options.allowDamped ?? true) trends.push('Ad');
  }
  const seasons: EtsSeason[] = seasonal ? (multiplicative ? ['N', 'A', 'M'] : ['N', 'A']) : ['N'];
  const errors = multiplicative ? (['A', 'M'] as const) : (['A'] as const);
  const out: EtsSpec[] = [];
  for (const error of errors)
    for (const trend of trends)
      for (const season of seasons) {
        if (error === 'A' && season === 'M') continue;
        out.push({ error, trend, season });
      }
  return out;
}

/** Every candidate fitted, best AICc first, with Akaike weights exp(−ΔAICc/2), normalised. */
export interface EtsFamily {
  readonly fits: readonly EtsFit[];
  readonly weights: Float64Array;
}

/**
 * Fits every candidate by maximum likelihood. Models with n ≤ (parameters + 4) are left out as in R's
 * `ets()`, unless nothing else can be fitted. Returns null only when no model can be fitted.
 */
export function fitEtsFamily(
  y: Float64Array,
  period: number,
  options: EtsSelectOptions = {},
): EtsFamily | null {
  const eligible: EtsFit[] = [];
  const small: EtsFit[] = [];
  const twins = new Map<string, EtsFit>();
  const warmStart = options.warmStart ?? true;
  for (const spec of etsCandidates(y, period, options)) {
    const key = `${spec.trend}${spec.season}`;
    const twin = spec.error === 'M' && warmStart ? twins.get(key) : undefined;
    const fit = fitEts(y, period, spec, {
      ...(options.maxEvaluations === undefined ? {} : { maxEvaluations: options.maxEvaluations }),
      ...(twin === undefined ? {} : { start: twin }),
    });
    if (fit !== null && spec.error === 'A') twins.set(key, fit);
    if (fit === null || !Number.isFinite(fit.aicc)) continue;
    // parameterCount includes σ²; R's rule is n > npars + 4 with npars excluding it.
    if (y.length <= fit.parameterCount - 1 + 4) small.push(fit);
    else eligible.push(fit);
  }
  const fits = eligible.length > 0 ? eligible : small;
  if (fits.length === 0) return null;
  fits.sort((a, b) => a.aicc - b.aicc);
  const weights = new Float64Array(fits.length);
  const best = fits[0]!.aicc;
  let total = 0;
  for (let i = 0; i < fits.length; i++) {
    weights[i] = Math.exp(-0.5 * (fits[i]!.aicc - best));
    total += weights[i]!;
  }
  for (let i = 0; i < fits.length; i++) weights[i] = weights[i]! / total;
  return { fits, weights };
}

/** The model with the lowest AICc, as R's `ets()`. */
export function selectEts(y: Float64Array, period: number, options: EtsSelectOptions = {}): EtsFit | null {
  return fitEtsFamily(y, period, options)?.fits[0] ?? null;
}
