import type { IntervalBounds } from '../types';
import { normalQuantile, Z80, Z95 } from '../util/normal';
import { SeededRandom } from '../util/random';
import { quantilesInPlace } from '../util/select';
import type { EtsFit } from './ets-fit';

/** Point forecasts: l + (φ + … + φ^h)·b, with the seasonal index of the target period. */
export function etsPointForecast(fit: EtsFit, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const phi = fit.spec.trend === 'Ad' ? fit.phi : 1;
  const hasTrend = fit.spec.trend !== 'N';
  let damped = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPower *= phi;
    damped += phiPower;
    const q = hasTrend ? fit.level + damped * fit.slope : fit.level;
    if (fit.spec.season === 'N') out[h - 1] = q;
    else {
      const s = fit.season[(fit.n + h - 1) % fit.period]!;
      out[h - 1] = fit.spec.season === 'A' ? q + s : q * s;
    }
  }
  return out;
}

/**
 * The coefficients c_j of the linear (class 1) models, j = 1…h−1 (Hyndman et al. 2008, Table 6.2):
 * c_j = α + β·(φ + … + φ^j) + γ·[j mod m = 0].
 */
function linearCoefficients(fit: EtsFit, horizon: number): Float64Array {
  const c = new Float64Array(Math.max(horizon - 1, 0));
  const phi = fit.spec.trend === 'Ad' ? fit.phi : 1;
  let damped = 0;
  let phiPower = 1;
  for (let j = 1; j < horizon; j++) {
    phiPower *= phi;
    damped += phiPower;
    let cj = fit.alpha;
    if (fit.spec.trend !== 'N') cj += fit.beta * damped;
    if (fit.spec.season !== 'N' && j % fit.period === 0) cj += fit.gamma;
    c[j - 1] = cj;
  }
  return c;
}

/**
 * Analytic forecast variances where ETS has them: class 1 (additive error, no multiplicative component),
 * σ²(1 + Σ c_j²); class 2 (multiplicative error, no seasonality), (1 + σ²)θ_h − μ_h² with
 * θ_h = μ_h² + σ² Σ c_j² θ_{h−j}. Returns null for the other models (simulate those).
 */
export function etsAnalyticVariance(fit: EtsFit, mean: Float64Array): Float64Array | null {
  const horizon = mean.length;
  const { error, season } = fit.spec;
  const sigma2 = fit.sigma2;
  const c = linearCoefficients(fit, horizon);
  const v = new Float64Array(horizon);
  if (error === 'A' && season !== 'M') {
    let acc = 1;
    for (let h = 1; h <= horizon; h++) {
      if (h > 1) acc += c[h - 2]! * c[h - 2]!;
      v[h - 1] = sigma2 * acc;
    }
    return v;
  }
  if (error === 'M' && season === 'N') {
    const theta = new Float64Array(horizon);
    for (let h = 1; h <= horizon; h++) {
      const mu = mean[h - 1]!;
      let t = mu * mu;
      for (let j = 1; j < h; j++) t += sigma2 * c[j - 1]! * c[j - 1]! * theta[h - j - 1]!;
      theta[h - 1] = t;
      v[h - 1] = (1 + sigma2) * t - mu * mu;
    }
    return v;
  }
  return null;
}

const scoreTables = new Map<number, Float64Array>();

/** Normal scores Φ⁻¹((i + ½)/k), i = 0…k−1 (memoised per k). */
function normalScores(k: number): Float64Array {
  let table = scoreTables.get(k);
  if (table === undefined) {
    table = new Float64Array(k);
    for (let i = 0; i < k; i++) table[i] = normalQuantile((i + 0.5) / k);
    scoreTables.set(k, table);
  }
  return table;
}

/**
 * Simulated future sample paths from the fitted state-space model with Gaussian errors, laid out by
 * horizon: paths[(h−1)·nsim + i]. The errors are Latin-hypercube draws: at each step the nsim paths get
 * the nsim normal scores Φ⁻¹((i + ½)/nsim) in an independent random order, so every step's error
 * distribution is exact and far fewer paths give stable quantiles than with plain Monte Carlo.
 */
export function etsSimulate(fit: EtsFit, horizon: number, nsim: number, seed: number): Float64Array {
  const rng = new SeededRandom(seed);
  const scores = normalScores(nsim);
  const order = new Int32Array(horizon * nsim);
  for (let h = 0; h < horizon; h++) {
    const row = order.subarray(h * nsim, (h + 1) * nsim);
    for (let i = 0; i < nsim; i++) row[i] = i;
    for (let i = nsim - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      const tmp = row[i]!;
      row[i] = row[j]!;
      row[j] = tmp;
    }
  }
  const paths = new Float64Array(horizon * nsim);
  const m = fit.period;
  const seasonal = fit.spec.season !== 'N';
  const mult = fit.spec.error === 'M';
  const hasTrend = fit.spec.trend !== 'N';
  const phi = fit.spec.trend === 'Ad' ? fit.phi : 1;
  const sigma = Math.sqrt(Math.max(fit.sigma2, 0));
  const season = new Float64Array(Math.max(m, 1));
  const betaOverAlpha = hasTrend ? fit.beta / fit.alpha : 0;
  for (let i = 0; i < nsim; i++) {
    let l = fit.level;
    let b = fit.slope;
    if (seasonal) season.set(fit.season);
    for (let h = 0; h < horizon; h++) {
      const phib = hasTrend ? phi * b : 0;
      const q = l + phib;
      const slot = (fit.n + h) % m;
      const s = seasonal ? season[slot]! : 0;
      const yhat = fit.spec.season === 'A' ? q + s : fit.spec.season === 'M' ? q * s : q;
      const e = sigma * scores[order[h * nsim + i]!]!;
      const y = mult ? yhat * (1 + e) : yhat + e;
      paths[h * nsim + i] = y;
      const p = fit.spec.season === 'A' ? y - s : fit.spec.season === 'M' ? y / s : y;
      const lNew = q + fit.alpha * (p - q);
      if (hasTrend) b = phib + betaOverAlpha * (lNew - l - phib);
      if (fit.spec.season === 'A') season[slot] = s + fit.gamma * (y - q - s);
      else if (fit.spec.season === 'M') season[slot] = s + fit.gamma * (y / q - s);
      l = lNew;
    }
  }
  return paths;
}

const PROBABILITIES = [0.025, 0.1, 0.9, 0.975] as const;

/** Quantile intervals from simulated paths (see {@link etsSimulate}). Reorders the paths in place. */
export function intervalsFromPaths(paths: Float64Array, horizon: number, nsim: number): IntervalBounds {
  const bounds: IntervalBounds = {
    lower80: new Float64Array(horizon),
    upper80: new Float64Array(horizon),
    lower95: new Float64Array(horizon),
    upper95: new Float64Array(horizon),
  };
  const q = new Float64Array(4);
  for (let h = 0; h < horizon; h++) {
    quantilesInPlace(paths, PROBABILITIES, q, h * nsim, (h + 1) * nsim);
    bounds.lower95[h] = q[0]!;
    bounds.lower80[h] = q[1]!;
    bounds.upper80[h] = q[2]!;
    bounds.upper95[h] = q[3]!;
  }
  return bounds;
}

/** Normal intervals mean ± z·sqrt(variance). */
export function normalIntervals(mean: Float64Array, variance: Float64Array): IntervalBounds {
  const horizon = mean.length;
  const bounds: IntervalBounds = {
    lower80: new Float64Array(horizon),
    upper80: new Float64Array(horizon),
    lower95: new Float64Array(horizon),
    upper95: new Float64Array(horizon),
  };
  for (let h = 0; h < horizon; h++) {
    const sd = Math.sqrt(Math.max(variance[h]!, 0));
    const mu = mean[h]!;
    bounds.lower80[h] = mu - Z80 * sd;
    bounds.upper80[h] = mu + Z80 * sd;
    bounds.lower95[h] = mu - Z95 * sd;
    bounds.upper95[h] = mu + Z95 * sd;
  }
  return bounds;
}

export interface EtsIntervalOptions {
  /** Sample paths for models without analytic variances (default 1000). */
  readonly simulations?: number;
  /** Seed of the simulation (default 20240601). */
  readonly seed?: number;
}

/** 80% and 95% intervals: analytic for classes 1 and 2, simulated otherwise. */
export function etsIntervals(
  fit: EtsFit,
  mean: Float64Array,
  options: EtsIntervalOptions = {},
): IntervalBounds {
  const variance = etsAnalyticVariance(fit, mean);
  if (variance !== null) return normalIntervals(mean, variance);
  const nsim = options.simulations ?? 1000;
  const paths = etsSimulate(fit, mean.length, nsim, options.seed ?? 20240601);
  return intervalsFromPaths(paths, mean.length, nsim);
}
