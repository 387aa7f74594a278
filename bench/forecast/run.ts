/**
 * M3 benchmark of the forecasting engine: `npm run bench:forecast`.
 *
 * Runs "auto" and every single method on the 3,003 M3 series (horizon and frequency from the file), scores
 * them and the 24 published M3 methods with the same sMAPE/MASE code, times R's ets() and thetaf() when R
 * with the forecast package is installed, and ends with one JSON line.
 *
 * Environment: M3_DIR (data directory, default ../shared/data/m3 from the repository root), METHODS
 * (comma-separated subset), R_TIMING=0 (skip R), R_SAMPLE=k (time R on every k-th series, default 10;
 * 1 for all 3,003, which takes R about half an hour).
 */
import { forecastOnce, METHOD_NAMES, type MethodName } from '@sentia/domain';
import { loadPublished, loadSeries, m3Directory, PERIODS } from './m3-data';
import { runRTiming } from './r-timing';
import { header, type Row, row, rule } from './report';
import { SCOPES, type Scope, Scoreboard } from './score';

const TARGETS: Record<Exclude<Scope, 'all'>, { target: number; theta: number }> = {
  yearly: { target: 16.9, theta: 16.97 },
  quarterly: { target: 8.9, theta: 8.96 },
  monthly: { target: 13.8, theta: 13.89 },
  other: { target: 4.4, theta: 4.41 },
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function main(): void {
  const dir = m3Directory();
  const series = loadSeries(dir);
  const published = loadPublished(dir);
  const methods = (process.env.METHODS?.split(',') ?? METHOD_NAMES) as MethodName[];
  for (const m of methods) if (!METHOD_NAMES.includes(m)) throw new Error(`Unknown method ${m}`);

  const counts = PERIODS.map((p) => `${series.filter((s) => s.period === p).length} ${p}`).join(', ');
  console.log(`M3 forecast benchmark: ${series.length} series (${counts}) from ${dir}`);
  console.log('sMAPE = mean over the horizon of 200·|y − f| / (|y| + |f|), averaged over series.');
  console.log(
    'MASE = MAE over the horizon / in-sample MAE of the seasonal naive forecast with the series frequency as lag (M4 convention; lag 1 for yearly and other).',
  );
  console.log(
    'Engine runs on one thread after an untimed warm-up on 40 series; wall and CPU seconds exclude reading the files.\n',
  );

  // Warm-up (not timed): every method on a few series of each period, so that timings measure compiled code.
  const warmUp = PERIODS.flatMap((p) => series.filter((s) => s.period === p).slice(0, 10));
  for (const method of methods)
    for (const s of warmUp) forecastOnce(s.train, s.frequency, s.horizon, method, {});

  // Per-series CPU time of each method, for the comparison with R on the same series (CPU time, not wall
  // time, so that other load on the machine does not distort the ratios).
  const perSeries = new Map<MethodName, Float64Array>();
  const rows: Row[] = [];
  for (const method of methods) {
    const board = new Scoreboard();
    const times = new Float64Array(series.length);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < series.length; i++) {
      const s = series[i]!;
      const start = process.cpuUsage();
      const fc = forecastOnce(s.train, s.frequency, s.horizon, method, {});
      const used = process.cpuUsage(start);
      times[i] = (used.user + used.system) / 1e6;
      board.add(s, fc.mean);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    perSeries.set(method, times);
    rows.push({ name: method, board, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    process.stderr.write(`  ${method}: ${seconds.toFixed(2)} s\n`);
  }

  console.log('This engine');
  console.log(header());
  console.log(rule());
  for (const r of rows) console.log(row(r));

  console.log('\nPublished M3 forecasts (m3-published-forecasts.csv), scored by the same code');
  console.log(header());
  console.log(rule());
  const publishedRows = [...published.entries()].map(([name, byId]) => {
    const board = new Scoreboard();
    for (const s of series) {
      const f = byId.get(s.id);
      if (f !== undefined) board.add(s, f);
    }
    const note = board.count('all') < series.length ? `(${board.count('all')} series)` : undefined;
    return { name, board, ...(note ? { note } : {}) };
  });
  publishedRows.sort((a, b) => a.board.smape('all') - b.board.smape('all'));
  for (const r of publishedRows) console.log(row(r));

  const auto = rows.find((r) => r.name === 'auto');
  if (auto !== undefined) {
    console.log('\nTargets for "auto" (sMAPE; THETA, the M3 winner, in brackets):');
    for (const p of PERIODS) {
      const { target, theta } = TARGETS[p];
      const value = auto.board.smape(p);
      console.log(
        `  ${p.padEnd(10)} ${value.toFixed(2)} ≤ ${target} (${theta}): ${value <= target ? 'met' : 'NOT met'}`,
      );
    }
    const speed = auto.seconds! < 60;
    console.log(
      `  speed      ${auto.seconds!.toFixed(1)} s for ${series.length} series < 60 s: ${speed ? 'met' : 'NOT met'}`,
    );
  }

  compareWithR(series, perSeries);

  if (auto !== undefined) {
    const pick = (f: (scope: Scope) => number, digits: number) =>
      Object.fromEntries(SCOPES.map((scope) => [scope, round(f(scope), digits)]));
    console.log(
      JSON.stringify({
        bench: 'forecast',
        method: 'auto',
        series: auto.board.count('all'),
        seconds: round(auto.seconds!, 2),
        smape: pick((s) => auto.board.smape(s), 3),
        mase: pick((s) => auto.board.mase(s), 4),
      }),
    );
  }
}

function compareWithR(series: ReturnType<typeof loadSeries>, perSeries: Map<MethodName, Float64Array>): void {
  console.log('\nR forecast package timing');
  if (process.env.R_TIMING === '0') {
    console.log('  skipped: R_TIMING=0');
    return;
  }
  const every = Math.max(1, Math.floor(Number(process.env.R_SAMPLE ?? 10)));
  const indices = series.map((_, i) => i).filter((i) => i % every === 0);
  const sample = indices.map((i) => series[i]!);
  process.stderr.write(`  R: ets() and thetaf() on ${sample.length} series…\n`);
  const outcome = runRTiming(sample);
  if (!outcome.ok) {
    console.log(`  skipped: ${outcome.reason}`);
    return;
  }
  const byId = new Map(outcome.timings.map((t) => [t.id, t]));
  console.log(
    `  R forecast ${outcome.version}, ${sample.length} series (every ${every === 1 ? '' : `${every}th `}series of the file), one R process; CPU milliseconds per series`,
  );
  const ours = (method: MethodName, p: Scope) => {
    const times = perSeries.get(method);
    if (times === undefined) return Number.NaN;
    let sum = 0;
    let count = 0;
    for (const i of indices) {
      if (p !== 'all' && series[i]!.period !== p) continue;
      sum += times[i]!;
      count++;
    }
    return count > 0 ? sum / count : Number.NaN;
  };
  const theirs = (key: 'etsSeconds' | 'thetaSeconds', p: Scope) => {
    let sum = 0;
    let count = 0;
    for (const s of sample) {
      if (p !== 'all' && s.period !== p) continue;
      sum += byId.get(s.id)![key];
      count++;
    }
    return count > 0 ? sum / count : Number.NaN;
  };
  const ms = (v: number) => (Number.isFinite(v) ? (v * 1000).toFixed(2) : '—').padStart(9);
  const ratio = (a: number, b: number) =>
    (Number.isFinite(a / b) ? `${(a / b).toFixed(0)}×` : '—').padStart(9);
  console.log(
    `  ${'period'.padEnd(10)}${'R ets'.padStart(9)}${'ets'.padStart(9)}${'auto'.padStart(9)}${'R theta'.padStart(9)}${'theta'.padStart(9)} | ${'R ets/ets'.padStart(9)}${'R ets/auto'.padStart(11)}${'R θ/θ'.padStart(9)}`,
  );
  for (const p of SCOPES) {
    const rEts = theirs('etsSeconds', p);
    const rTheta = theirs('thetaSeconds', p);
    console.log(
      `  ${p.padEnd(10)}${ms(rEts)}${ms(ours('ets', p))}${ms(ours('auto', p))}${ms(rTheta)}${ms(ours('theta', p))} | ${ratio(rEts, ours('ets', p))}${ratio(rEts, ours('auto', p)).padStart(11)}${ratio(rTheta, ours('theta', p))}`,
    );
  }
  const totalR = outcome.timings.reduce((a, t) => a + t.etsSeconds, 0);
  console.log(`  R ets() total ${totalR.toFixed(1)} s on the sample.`);
  // Accuracy on the same sample, R's forecasts against this engine's.
  const rEtsSmape = new Scoreboard();
  const rThetaSmape = new Scoreboard();
  for (const s of sample) {
    const t = byId.get(s.id)!;
    rEtsSmape.add(s, t.ets);
    rThetaSmape.add(s, t.theta);
  }
  const oursSmape = (method: MethodName) => {
    const board = new Scoreboard();
    for (const s of sample) board.add(s, forecastOnce(s.train, s.frequency, s.horizon, method, {}).mean);
    return board;
  };
  console.log('  sMAPE on the same sample:');
  const line = (name: string, board: Scoreboard) =>
    console.log(`    ${name.padEnd(12)}${SCOPES.map((p) => `${p} ${board.smape(p).toFixed(2)}`).join('  ')}`);
  line('R ets', rEtsSmape);
  line('ets', oursSmape('ets'));
  line('R thetaf', rThetaSmape);
  line('theta', oursSmape('theta'));
  line('auto', oursSmape('auto'));
}

main();
