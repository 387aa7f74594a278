/**
 * Lead-time demand of slow and intermittent items as a count distribution: Poisson when the variance
 * does not exceed the mean, else the negative binomial (NBD) with the same mean and variance. This is
 * how Syntetos & Boylan (2006) turn Croston/SBA estimates into stock-control decisions, and the Poisson
 * is the textbook model for slow movers (Silver, Pyke & Thomas 2017). Probabilities are built in log
 * space so large means do not underflow.
 */
export interface CountDistribution {
  kind: 'poisson' | 'negative-binomial' | 'none';
  mean: number;
  variance: number;
}

export function countDistribution(mean: number, variance: number): CountDistribution {
  if (!(Number.isFinite(mean) && mean >= 0)) throw new RangeError('mean must be a finite number ≥ 0');
  if (!(Number.isFinite(variance) && variance >= 0)) {
    throw new RangeError('variance must be a finite number ≥ 0');
  }
  if (mean === 0) return { kind: 'none', mean: 0, variance: 0 };
  return variance > mean
    ? { kind: 'negative-binomial', mean, variance }
    : { kind: 'poisson', mean, variance: mean };
}

/**
 * Calls `visit(k, P(X = k))` for k = 0, 1, … until it returns false or the remaining tail is negligible.
 * NBD with r = μ²/(σ² − μ), p = μ/σ²: P(0) = p^r, P(k+1) = P(k)·(k + r)/(k + 1)·(1 − p).
 * Poisson: P(0) = e^−μ, P(k+1) = P(k)·μ/(k + 1).
 */
function walk(d: CountDistribution, visit: (k: number, probability: number) => boolean): void {
  if (d.kind === 'none') {
    visit(0, 1);
    return;
  }
  const limit = Math.ceil(d.mean + 60 * Math.sqrt(d.variance) + 100);
  let logP: number;
  let step: (k: number) => number;
  if (d.kind === 'poisson') {
    logP = -d.mean;
    const logMean = Math.log(d.mean);
    step = (k) => logMean - Math.log(k + 1);
  } else {
    const r = (d.mean * d.mean) / (d.variance - d.mean);
    const p = d.mean / d.variance;
    logP = r * Math.log(p);
    const logQ = Math.log1p(-p);
    step = (k) => Math.log((k + r) / (k + 1)) + logQ;
  }
  for (let k = 0; k <= limit; k++) {
    if (!visit(k, Math.exp(logP))) return;
    logP += step(k);
  }
}

/** Smallest s with P(X ≤ s) ≥ p: the reorder point meeting cycle service level p. */
export function countQuantile(d: CountDistribution, p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('service level must be strictly between 0 and 1');
  let cumulative = 0;
  let answer = 0;
  walk(d, (k, probability) => {
    cumulative += probability;
    answer = k;
    return cumulative < p;
  });
  return answer;
}

/** Expected units short per cycle with reorder point s: E[(X − s)⁺] = μ − E[min(X, s)]. */
export function countExpectedShortage(d: CountDistribution, s: number): number {
  let expectedMin = 0;
  let mass = 0;
  walk(d, (k, probability) => {
    if (k >= s) return false;
    expectedMin += k * probability;
    mass += probability;
    return true;
  });
  expectedMin += s * (1 - mass);
  return Math.max(0, d.mean - expectedMin);
}
