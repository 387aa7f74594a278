import { SEASON_ADDITIVE, SEASON_MULTIPLICATIVE, SEASON_NONE, TREND_DAMPED, TREND_NONE } from './ets-spec';

/** Smallest magnitude allowed for a one-step forecast or a multiplicative seasonal index. */
const TOL = 1e-10;

/** Indices into the `out` vector of {@link etsRecursion}. */
export const OUT_LEVEL = 0;
export const OUT_TREND = 1;
export const OUT_SSE = 2;
export const OUT_SUM_LOG = 3;

/**
 * Runs the ETS error-correction recursions over y (the same state equations for additive and
 * multiplicative errors; the error type changes only the likelihood):
 *
 *   q = l + φb (l when no trend),  ŷ = q (+ s or · s),  e = y − ŷ  or (y − ŷ)/ŷ
 *   l' = q + α(p − q) with p = y, y − s or y/s
 *   b' = φb + (β/α)(l' − l − φb)
 *   s' = s + γ(y − q − s) or s + γ(y/q − s)
 *
 * Seasonal states live in a circular buffer: slot t mod m holds the index last used at time t. `season`
 * is overwritten with the final states; `seasonInit` is only read. out receives [final level, final slope,
 * SSE of e, Σ log|ŷ|]. Returns −2·log-likelihood up to a constant as R's `ets()` reports it,
 * n·log(SSE) (+ 2Σlog|ŷ| for multiplicative errors), or +∞ when the recursion leaves the admissible
 * region.
 */
export function etsRecursion(
  y: Float64Array,
  m: number,
  multiplicativeError: boolean,
  trend: number,
  seasonType: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  l0: number,
  b0: number,
  seasonInit: Float64Array | null,
  season: Float64Array | null,
  out: Float64Array,
  residuals: Float64Array | null = null,
): number {
  const n = y.length;
  const damp = trend === TREND_DAMPED ? phi : 1;
  const betaOverAlpha = trend === TREND_NONE ? 0 : beta / alpha;
  if (seasonType !== SEASON_NONE) season!.set(seasonInit!);
  let l = l0;
  let b = trend === TREND_NONE ? 0 : b0;
  let sse = 0;
  let sumLog = 0;
  // Σ log|ŷ| is kept as a running product, folded into the sum only when it grows large or small: one
  // Math.log per ~100 steps instead of one per step.
  let product = 1;
  let slot = 0;
  for (let t = 0; t < n; t++) {
    const yt = y[t]!;
    const phib = damp * b;
    const q = l + phib;
    let s = 0;
    let yhat = q;
    if (seasonType === SEASON_ADDITIVE) {
      s = season![slot]!;
      yhat = q + s;
    } else if (seasonType === SEASON_MULTIPLICATIVE) {
      s = season![slot]!;
      if (Math.abs(s) < TOL) return Number.POSITIVE_INFINITY;
      yhat = q * s;
    }
    let e: number;
    if (multiplicativeError) {
      if (Math.abs(yhat) < TOL) return Number.POSITIVE_INFINITY;
      e = (yt - yhat) / yhat;
      product *= yhat < 0 ? -yhat : yhat;
      if (product > 1e100 || product < 1e-100) {
        sumLog += Math.log(product);
        product = 1;
      }
    } else {
      e = yt - yhat;
    }
    if (residuals !== null) residuals[t] = e;
    sse += e * e;
    const p = seasonType === SEASON_NONE ? yt : seasonType === SEASON_ADDITIVE ? yt - s : yt / s;
    const lNew = q + alpha * (p - q);
    if (trend !== TREND_NONE) b = phib + betaOverAlpha * (lNew - l - phib);
    if (seasonType === SEASON_ADDITIVE) season![slot] = s + gamma * (yt - q - s);
    else if (seasonType === SEASON_MULTIPLICATIVE) {
      if (Math.abs(q) < TOL) return Number.POSITIVE_INFINITY;
      season![slot] = s + gamma * (yt / q - s);
    }
    l = lNew;
    if (++slot === m) slot = 0;
  }
  sumLog += Math.log(product);
  out[OUT_LEVEL] = l;
  out[OUT_TREND] = b;
  out[OUT_SSE] = sse;
  out[OUT_SUM_LOG] = sumLog;
  if (!Number.isFinite(sse)) return Number.POSITIVE_INFINITY;
  const lik = n * Math.log(Math.max(sse, 1e-300)) + (multiplicativeError ? 2 * sumLog : 0);
  return lik;
}
