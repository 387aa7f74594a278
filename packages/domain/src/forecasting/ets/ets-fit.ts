import { deseasonalize, seasonalIndices } from '../seasonality/decomposition';
import { nelderMead } from '../util/nelder-mead';
import { linearFit, logistic, logit, mean } from '../util/stats';
import { etsRecursion, OUT_LEVEL, OUT_SSE, OUT_TREND } from './ets-recursion';
import { type EtsSpec, etsParameterCount, seasonCode, TREND_NONE, trendCode } from './ets-spec';

/** Parameter bounds of R's `ets()` ("usual" region: 0 < β < α < 1, 0 < γ < 1 − α, 0.8 < φ < 0.98). */
export const PARAM_LOWER = 1e-4;
export const PARAM_UPPER = 0.9999;
export const PHI_LOWER = 0.8;
export const PHI_UPPER = 0.98;

export interface EtsFixedParameters {
  readonly alpha?: number;
  readonly beta?: number;
  readonly gamma?: number;
  readonly phi?: number;
}

export interface EtsFitOptions extends EtsFixedParameters {
  /** Objective evaluations allowed to the optimiser (default 250 + 120 per free parameter). */
  readonly maxEvaluations?: number;
  /**
   * Estimate the initial seasonal states too (m − 1 free, normalised to sum to m or 0) instead of keeping
   * the decomposition's (default false).
   */
  readonly optimizeSeason?: boolean;
  /**
   * Start the optimiser here (e.g. at the optimum of the same model with the other error type) with a
   * smaller simplex, instead of at the default starting values.
   */
  readonly start?: EtsStart;
}

/** Parameters and initial states to start the optimiser from. */
export type EtsStart = Pick<EtsFit, 'alpha' | 'beta' | 'gamma' | 'phi' | 'initialLevel' | 'initialSlope'>;

/**
 * Optimiser coordinate of a warm-start value: its position between the bounds, pulled at least 2% inside
 * so that a start on a bound (α = 1, γ = 0, …) does not sit on the flat tail of the logistic map.
 */
const frac = (value: number, lower: number, upper: number) =>
  logit(Math.min(Math.max(upper > lower ? (value - lower) / (upper - lower) : 0.5, 0.02), 0.98));

/** A fitted ETS model. States and σ² are in the units of the data (σ² is relative for M errors). */
export interface EtsFit {
  readonly spec: EtsSpec;
  readonly period: number;
  readonly n: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
  readonly initialLevel: number;
  readonly initialSlope: number;
  /** Initial seasonal states by position from the first observation (empty when non-seasonal). */
  readonly initialSeason: Float64Array;
  readonly level: number;
  readonly slope: number;
  /** Final seasonal states: slot t mod m is the index last used at time t. */
  readonly season: Float64Array;
  readonly sigma2: number;
  /** −2·log-likelihood up to a constant (as R's `ets()$lik` minus its constant). */
  readonly lik: number;
  readonly aic: number;
  readonly aicc: number;
  readonly bic: number;
  readonly parameterCount: number;
  readonly evaluations: number;
}

function hasNonPositive(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (!(y[i]! > 0)) return true;
  return false;
}

/**
 * Fits one ETS model by maximum likelihood with Nelder–Mead over the smoothing parameters (mapped into
 * their bounds by logistic transforms) and the initial level and slope. The initial seasonal states come
 * from a classical decomposition (as R's `ets()` starts them) and are kept: this makes fitting an order of
 * magnitude faster for monthly data and costs little accuracy. The data are scaled by their mean absolute
 * value while fitting so that the optimiser's steps are scale-free.
 *
 * Returns null when the model does not apply: multiplicative components with non-positive data, a
 * seasonal model with fewer than two full cycles, or fewer observations than parameters.
 */
export function fitEts(
  y: Float64Array,
  period: number,
  spec: EtsSpec,
  options: EtsFitOptions = {},
): EtsFit | null {
  const n = y.length;
  const seasonal = spec.season !== 'N';
  const m = seasonal ? period : 1;
  if (seasonal && (period <= 1 || n < 2 * period)) return null;
  if ((spec.error === 'M' || spec.season === 'M') && hasNonPositive(y)) return null;
  const k = etsParameterCount(spec, m);
  if (n < k) return null;

  let scale = 0;
  for (let i = 0; i < n; i++) scale += Math.abs(y[i]!);
  scale = scale > 0 ? scale / n : 1;
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = y[i]! / scale;

  // Initial states, as R's initstate(): decomposition for the seasonal states, a regression on the first
  // max(10, 2m) seasonally adjusted values for the level and slope.
  let seasonInit: Float64Array | null = null;
  let ysa: Float64Array = ys;
  if (seasonal) {
    const type = spec.season === 'A' ? 'additive' : 'multiplicative';
    seasonInit = seasonalIndices(ys, m, type);
    if (seasonInit === null) return null;
    if (type === 'multiplicative') for (let p = 0; p < m; p++) seasonInit[p] = Math.max(seasonInit[p]!, 0.01);
    ysa = deseasonalize(ys, seasonInit, type);
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  const coef = linearFit(ysa, 0, maxn, 1, new Float64Array(2));
  const tCode = trendCode(spec.trend);
  const sCode = seasonCode(spec.season);
  const mult = spec.error === 'M';
  let l0Start = tCode === TREND_NONE ? mean(ysa, 0, maxn) : coef[0]!;
  let b0Start = tCode === TREND_NONE ? 0 : coef[1]!;
  if (tCode !== TREND_NONE && Math.abs(l0Start + b0Start) < 1e-8) {
    l0Start *= 1.001;
    b0Start *= 0.999;
  }

  // Free coordinates: [alpha, beta, gamma, phi, l0, b0] when present and not fixed.
  const freeAlpha = options.alpha === undefined;
  const freeBeta = tCode !== TREND_NONE && options.beta === undefined;
  const freeGamma = seasonal && options.gamma === undefined;
  const freePhi = spec.trend === 'Ad' && options.phi === undefined;
  const hasSlope = tCode !== TREND_NONE;
  let dim = 0;
  const iAlpha = freeAlpha ? dim++ : -1;
  const iBeta = freeBeta ? dim++ : -1;
  const iGamma = freeGamma ? dim++ : -1;
  const iPhi = freePhi ? dim++ : -1;
  const iL0 = dim++;
  const iB0 = hasSlope ? dim++ : -1;
  const optimizeSeason = seasonal && options.optimizeSeason === true;
  const iS0 = optimizeSeason ? dim : -1;
  if (optimizeSeason) dim += m - 1;
  const seasonStart = seasonal ? Float64Array.from(seasonInit!) : null;
  const seasonTotal = spec.season === 'M' ? m : 0;

  const params = new Float64Array(4);
  const decode = (x: Float64Array): void => {
    const alpha = freeAlpha
      ? PARAM_LOWER + (PARAM_UPPER - PARAM_LOWER) * logistic(x[iAlpha]!)
      : options.alpha!;
    const beta = !hasSlope
      ? 0
      : freeBeta
        ? PARAM_LOWER + (Math.max(alpha, PARAM_LOWER) - PARAM_LOWER) * logistic(x[iBeta]!)
        : options.beta!;
    const gamma = !seasonal
      ? 0
      : freeGamma
        ? PARAM_LOWER + Math.max(PARAM_UPPER - alpha - PARAM_LOWER, 0) * logistic(x[iGamma]!)
        : options.gamma!;
    const phi =
      spec.trend !== 'Ad'
        ? 1
        : freePhi
          ? PHI_LOWER + (PHI_UPPER - PHI_LOWER) * logistic(x[iPhi]!)
          : options.phi!;
    params[0] = alpha;
    params[1] = beta;
    params[2] = gamma;
    params[3] = phi;
  };

  const season = seasonal ? new Float64Array(m) : null;
  const out = new Float64Array(4);
  const objective = (x: Float64Array): number => {
    decode(x);
    if (optimizeSeason) {
      let sum = 0;
      for (let p = 0; p < m - 1; p++) {
        seasonInit![p] = x[iS0 + p]!;
        sum += x[iS0 + p]!;
      }
      seasonInit![m - 1] = seasonTotal - sum;
    }
    return etsRecursion(
      ys,
      m,
      mult,
      tCode,
      sCode,
      params[0]!,
      params[1]!,
      params[2]!,
      params[3]!,
      x[iL0]!,
      hasSlope ? x[iB0]! : 0,
      seasonInit,
      season,
      out,
    );
  };

  const x0 = new Float64Array(dim);
  const steps = new Float64Array(dim);
  const start = options.start;
  // Logit steps of 1 from the defaults; ½ around a warm start.
  const logitStep = start === undefined ? 1 : 0.5;
  const alphaStart = options.alpha ?? start?.alpha ?? (seasonal ? 0.1 : 0.3);
  if (freeAlpha) {
    x0[iAlpha] = frac(alphaStart, PARAM_LOWER, PARAM_UPPER);
    steps[iAlpha] = logitStep;
  }
  if (freeBeta) {
    x0[iBeta] = start === undefined ? logit(0.1) : frac(start.beta, PARAM_LOWER, alphaStart);
    steps[iBeta] = logitStep;
  }
  if (freeGamma) {
    x0[iGamma] = start === undefined ? logit(0.05) : frac(start.gamma, PARAM_LOWER, PARAM_UPPER - alphaStart);
    steps[iGamma] = logitStep;
  }
  if (freePhi) {
    x0[iPhi] = start === undefined ? logit(0.8) : frac(start.phi, PHI_LOWER, PHI_UPPER);
    steps[iPhi] = logitStep;
  }
  const stateStep = start === undefined ? 0.1 : 0.02;
  if (start !== undefined) {
    l0Start = start.initialLevel / scale;
    b0Start = start.initialSlope / scale;
  }
  x0[iL0] = l0Start;
  steps[iL0] = stateStep * Math.max(Math.abs(l0Start), 0.1);
  if (hasSlope) {
    x0[iB0] = b0Start;
    steps[iB0] = stateStep * Math.max(Math.abs(b0Start), 0.01);
  }
  if (optimizeSeason) {
    for (let p = 0; p < m - 1; p++) {
      x0[iS0 + p] = seasonStart![p]!;
      steps[iS0 + p] = spec.season === 'M' ? 0.05 : 0.05 * Math.max(Math.abs(l0Start), 0.1);
    }
  }

  const result = nelderMead(objective, x0, {
    maxEvaluations: options.maxEvaluations ?? 250 + 120 * dim,
    // −2·log-likelihood to about 1e-6 relative: tighter changes neither AICc ranks nor forecasts on M3.
    tolerance: 1e-6,
    step: steps,
  });
  if (!Number.isFinite(result.value)) return null;

  // Final pass at the optimum, keeping the final states.
  const lik = objective(result.x);
  decode(result.x);
  const level = out[OUT_LEVEL]!;
  const slope = out[OUT_TREND]!;
  const sse = out[OUT_SSE]!;
  const unitScale = mult ? 1 : scale;
  // As R's ets(): σ² = SSE / (n − number of estimated parameters, σ² itself not counted).
  const sigma2 = (sse / (n > k - 1 ? n - (k - 1) : n)) * unitScale * unitScale;
  const aic = lik + 2 * k;
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Number.POSITIVE_INFINITY;
  const bic = lik + Math.log(n) * k;
  // Back to the data's units: both n·log(SSE) (additive) and 2Σlog|ŷ| (multiplicative) shift by 2n·log c.
  const offset = 2 * n * Math.log(scale);
  const seasonScale = spec.season === 'A' ? scale : 1;
  const finalSeason = new Float64Array(seasonal ? m : 0);
  const initialSeason = new Float64Array(seasonal ? m : 0);
  if (seasonal) {
    for (let p = 0; p < m; p++) {
      finalSeason[p] = season![p]! * seasonScale;
      initialSeason[p] = seasonInit![p]! * seasonScale;
    }
  }
  return {
    spec,
    period: m,
    n,
    alpha: params[0]!,
    beta: params[1]!,
    gamma: params[2]!,
    phi: params[3]!,
    initialLevel: result.x[iL0]! * scale,
    initialSlope: hasSlope ? result.x[iB0]! * scale : 0,
    initialSeason,
    level: level * scale,
    slope: slope * scale,
    season: finalSeason,
    sigma2,
    lik: lik + offset,
    aic: aic + offset,
    aicc: aicc + offset,
    bic: bic + offset,
    parameterCount: k,
    evaluations: result.evaluations,
  };
}
