/** Bucket upper bounds (seconds) of http_request_duration_seconds; the window uses the same ones. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10];

interface Slot {
  start: number;
  total: number;
  errors: number;
  /** Non-cumulative counts per bucket; the last entry is +Inf. */
  buckets: number[];
}

export interface WindowSnapshot {
  total: number;
  errors: number;
  /** 5xx share of all requests, 0 when there were none. */
  errorRatio: number;
  /** 95th percentile in seconds (interpolated within its bucket, as histogram_quantile does); null without requests. */
  p95Seconds: number | null;
}

/**
 * The last few minutes of requests in this process, in fixed time slots: what the in-product alert
 * evaluator reads for the error-rate and response-time rules (the same quantities the Prometheus
 * rules compute from http_requests_total and the duration histogram over 5 minutes).
 */
export class RequestWindow {
  private readonly slots: Slot[] = [];

  constructor(
    private readonly windowMs = 5 * 60_000,
    private readonly slotMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  observe(statusCode: number, seconds: number): void {
    const now = this.now();
    const start = now - (now % this.slotMs);
    let slot = this.slots.at(-1);
    if (!slot || slot.start !== start) {
      slot = { start, total: 0, errors: 0, buckets: new Array(HTTP_DURATION_BUCKETS.length + 1).fill(0) };
      this.slots.push(slot);
      this.prune(now);
    }
    slot.total += 1;
    if (statusCode >= 500) slot.errors += 1;
    const index = HTTP_DURATION_BUCKETS.findIndex((le) => seconds <= le);
    slot.buckets[index < 0 ? HTTP_DURATION_BUCKETS.length : index]! += 1;
  }

  snapshot(): WindowSnapshot {
    this.prune(this.now());
    let total = 0;
    let errors = 0;
    const buckets = new Array(HTTP_DURATION_BUCKETS.length + 1).fill(0);
    for (const slot of this.slots) {
      total += slot.total;
      errors += slot.errors;
      slot.buckets.forEach((count, i) => {
        buckets[i] += count;
      });
    }
    return {
      total,
      errors,
      errorRatio: total === 0 ? 0 : errors / total,
      p95Seconds: total === 0 ? null : quantile(0.95, buckets, total),
    };
  }

  private prune(now: number): void {
    while (this.slots.length > 0 && this.slots[0]!.start <= now - this.windowMs) this.slots.shift();
  }
}

/** Prometheus' histogram_quantile: linear interpolation inside the bucket holding the rank. */
function quantile(q: number, buckets: number[], total: number): number {
  const rank = q * total;
  let cumulative = 0;
  for (let i = 0; i < buckets.length; i++) {
    const count = buckets[i]!;
    if (cumulative + count >= rank && count > 0) {
      if (i === HTTP_DURATION_BUCKETS.length) return HTTP_DURATION_BUCKETS.at(-1)!;
      const lower = i === 0 ? 0 : HTTP_DURATION_BUCKETS[i - 1]!;
      const upper = HTTP_DURATION_BUCKETS[i]!;
      return lower + (upper - lower) * ((rank - cumulative) / count);
    }
    cumulative += count;
  }
  return HTTP_DURATION_BUCKETS.at(-1)!;
}
