import { Agent, request } from 'node:http';

export interface LoadTarget {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Relative frequency in the mix. */
  weight: number;
  /** Per use (0, 1, 2, …): headers and body that differ from one request to the next (sign-ins). */
  vary?(use: number): { headers?: Record<string, string>; body?: string };
}

export interface LoadResult {
  sent: number;
  ok: number;
  /** Answers with a status ≥ 400 (after the retry, when retrying). */
  failed: number;
  /** Connection errors and timeouts (after the retry, when retrying). */
  errors: number;
  /** Requests that succeeded only on the other replica. */
  retried: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  achievedRate: number;
  statusCounts: Record<string, number>;
}

/**
 * An open-loop load generator: requests start at a fixed rate whatever the server's latency (no
 * coordinated omission), spread round-robin over the replicas. With `retryOnOtherReplica`, a
 * request that fails to connect or gets a 503 from a replica that is shutting down is retried once
 * on the next replica — what a load balancer or a retrying client does.
 */
export async function runLoad(options: {
  baseUrls: string[];
  ratePerSecond: number;
  seconds: number;
  mix: LoadTarget[];
  retryOnOtherReplica?: boolean;
  timeoutMs?: number;
  onTick?: (elapsedSeconds: number) => void;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(options.ratePerSecond * options.seconds);
  const latencies = new Float64Array(total);
  const statusCounts: Record<string, number> = {};
  const weights = options.mix.flatMap((target) => Array.from({ length: target.weight }, () => target));
  let ok = 0;
  let failed = 0;
  let errors = 0;
  let retried = 0;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let lastTick = 0;
  const uses = new Map<LoadTarget, number>();

  const send = (base: string, target: LoadTarget): Promise<number | 'error'> =>
    new Promise((resolve) => {
      const req = request(
        `${base}${target.path}`,
        { method: target.method, headers: target.headers, agent, timeout: timeoutMs },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve('error'));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve('error'));
      req.end(target.body);
    });

  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / options.ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const elapsed = Math.floor((performance.now() - started) / 1000);
    if (elapsed > lastTick) {
      lastTick = elapsed;
      options.onTick?.(elapsed);
    }
    const picked = weights[i % weights.length]!;
    const use = uses.get(picked) ?? 0;
    uses.set(picked, use + 1);
    const target = picked.vary ? { ...picked, ...picked.vary(use) } : picked;
    const replica = i % options.baseUrls.length;
    const requestStart = performance.now();
    inFlight.push(
      (async () => {
        let outcome = await send(options.baseUrls[replica]!, target);
        if (
          options.retryOnOtherReplica &&
          (outcome === 'error' || outcome === 503) &&
          options.baseUrls.length > 1
        ) {
          outcome = await send(options.baseUrls[(replica + 1) % options.baseUrls.length]!, target);
          if (outcome !== 'error' && outcome < 400) retried += 1;
        }
        latencies[i] = performance.now() - requestStart;
        const key = String(outcome);
        statusCounts[key] = (statusCounts[key] ?? 0) + 1;
        if (outcome === 'error') errors += 1;
        else if (outcome >= 400) failed += 1;
        else ok += 1;
      })(),
    );
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const pick = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return {
    sent: total,
    ok,
    failed,
    errors,
    retried,
    p50Ms: pick(0.5),
    p95Ms: pick(0.95),
    p99Ms: pick(0.99),
    maxMs: pick(1),
    achievedRate: Math.round((total / elapsedSeconds) * 10) / 10,
    statusCounts,
  };
}
