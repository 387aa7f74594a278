// One load run in its own process (so the load generator does not share the server's event loop),
// recording every response time to report exact percentiles (autocannon's summary has no p95).
// Usage: node load-client.mjs '<json options>'  → prints one JSON line.
//
// - Without `overallRate`: autocannon, closed loop — `connections` requests in flight at all times,
//   as fast as the server answers (throughput).
// - With `overallRate` and `paced: true`: an open-loop client that starts one request every
//   1000/overallRate ms, evenly spaced, over at most `connections` keep-alive sockets — what "at
//   200 req/s" means for a latency target. (autocannon's own rate limit lets each connection send its
//   share of a second back-to-back at the start of that second, so "200 req/s over 20 connections" is
//   a 20-way burst each second, and its latency is that of the burst.)
// - With `overallRate` and no `paced`: autocannon's per-second rate limit, as above.
import http from 'node:http';
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const latencies = [];
const statuses = {};

function report(extra) {
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
      ...extra,
    })}\n`,
  );
}

function paced() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const interval = 1000 / options.overallRate;
  const total = Math.round(options.overallRate * options.duration);
  let sent = 0;
  let settled = 0;
  let errors = 0;
  let timeouts = 0;
  const settle = () => {
    settled += 1;
    if (settled === total) {
      agent.destroy();
      report({ errors, timeouts, paced: true });
    }
  };
  const send = () => {
    const started = performance.now();
    const request = http.request(options.url, { agent, headers: options.headers ?? {} }, (response) => {
      response.resume();
      response.on('end', () => {
        latencies.push(performance.now() - started);
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
        settle();
      });
    });
    request.setTimeout(10_000, () => {
      timeouts += 1;
      request.destroy(new Error('timeout'));
    });
    request.on('error', () => {
      errors += 1;
      settle();
    });
    request.end();
  };
  const start = performance.now();
  const tick = () => {
    const now = performance.now();
    // Catch up if the timer fired late, so the rate holds on average.
    while (sent < total && start + sent * interval <= now) {
      sent += 1;
      send();
    }
    if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
  };
  tick();
}

if (options.overallRate && options.paced) {
  paced();
} else {
  const instance = autocannon({ ...options, setupClient: undefined });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  instance.on('done', (result) => report({ errors: result.errors, timeouts: result.timeouts }));
}
