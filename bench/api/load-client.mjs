// One autocannon run in its own process (so the load generator does not share the server's event
// loop), recording every response time to report exact percentiles (autocannon's summary has no p95).
// Usage: node load-client.mjs '<json options>'  → prints one JSON line.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const latencies = [];
const statuses = {};
const instance = autocannon({ ...options, setupClient: undefined });
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
instance.on('done', (result) => {
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : null;
  process.stdout.write(
    `${JSON.stringify({
      requests: latencies.length,
      requestsPerSecond: latencies.length / options.duration,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: latencies.at(-1) ?? null,
      statuses,
      errors: result.errors,
      timeouts: result.timeouts,
    })}\n`,
  );
});
