import type { DemandClassification } from '../types';

/** Cut-offs of Syntetos, Boylan & Croston (2005). */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

/**
 * ADI (periods per demand occurrence) and CV² (squared coefficient of variation of the non-zero sizes),
 * and the resulting class: smooth (ADI < 1.32, CV² < 0.49), erratic (ADI < 1.32, CV² ≥ 0.49),
 * intermittent (ADI ≥ 1.32, CV² < 0.49), lumpy (ADI ≥ 1.32, CV² ≥ 0.49); "zero" without any demand.
 */
export function classifyDemand(y: Float64Array): DemandClassification {
  const n = y.length;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0) {
      count++;
      sum += y[i]!;
    }
  }
  if (count === 0) return { demandClass: 'zero', adi: Number.POSITIVE_INFINITY, cv2: 0 };
  const mu = sum / count;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0) ss += (y[i]! - mu) * (y[i]! - mu);
  }
  const cv2 = count > 1 && mu !== 0 ? ss / count / (mu * mu) : 0;
  const adi = n / count;
  const demandClass =
    adi < ADI_CUTOFF
      ? cv2 < CV2_CUTOFF
        ? 'smooth'
        : 'erratic'
      : cv2 < CV2_CUTOFF
        ? 'intermittent'
        : 'lumpy';
  return { demandClass, adi, cv2 };
}
