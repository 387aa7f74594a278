import { normalQuantile } from '../forecasting/util/normal';

export { normalQuantile };

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/**
 * Standard normal distribution function Φ(z), through the complementary error function
 * (Chebyshev fit of Numerical Recipes' erfcc, relative error below 1.2e-7 everywhere): ample for
 * service levels and fill rates, which are quoted to a tenth of a percent.
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * The standard normal loss function G(z) = E[(Z − z)⁺] = φ(z) − z·(1 − Φ(z)): expected units short per
 * unit of lead-time demand deviation when the safety factor is z (Silver, Pyke & Thomas 2017).
 */
export function normalLoss(z: number): number {
  return normalPdf(z) - z * (1 - normalCdf(z));
}
