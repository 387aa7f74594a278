import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { M3Series } from './m3-data';

export interface RSeriesTiming {
  readonly id: string;
  readonly etsSeconds: number;
  readonly thetaSeconds: number;
  readonly etsModel: string;
  readonly ets: Float64Array;
  readonly theta: Float64Array;
}

export type RTimingOutcome =
  | { readonly ok: true; readonly version: string; readonly timings: readonly RSeriesTiming[] }
  | { readonly ok: false; readonly reason: string };

const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), 'r-timing.R');

/** Whether Rscript with the forecast package can be run. */
export function rAvailability(): { ok: boolean; reason: string } {
  const probe = spawnSync(
    'Rscript',
    ['-e', 'suppressMessages(library(forecast)); cat(as.character(packageVersion("forecast")))'],
    {
      encoding: 'utf8',
    },
  );
  if (probe.error)
    return {
      ok: false,
      reason: `Rscript not found (${probe.error.message}); apt-get install -y r-cran-forecast`,
    };
  if (probe.status !== 0)
    return { ok: false, reason: `R forecast package not loadable: ${probe.stderr.trim().split('\n')[0]}` };
  return { ok: true, reason: probe.stdout.trim() };
}

function numbers(field: string): Float64Array {
  return Float64Array.from(field.trim().split(/\s+/).map(Number));
}

/** Runs R's ets() and thetaf() on the given series in one R process and reads back times and forecasts. */
export function runRTiming(series: readonly M3Series[]): RTimingOutcome {
  const availability = rAvailability();
  if (!availability.ok) return { ok: false, reason: availability.reason };
  const dir = mkdtempSync(join(tmpdir(), 'bench-forecast-'));
  try {
    const input = join(dir, 'in.csv');
    const output = join(dir, 'out.csv');
    const rows = series.map((s) => `${s.id},${s.frequency},${s.horizon},"${Array.from(s.train).join(' ')}"`);
    writeFileSync(input, `id,frequency,h,train\n${rows.join('\n')}\n`);
    const run = spawnSync('Rscript', [SCRIPT, input, output], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0)
      return { ok: false, reason: `Rscript failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}` };
    const lines = readFileSync(output, 'utf8').trim().split('\n').slice(1);
    const timings = lines.map((line) => {
      const fields = line.match(/("([^"]*)"|[^,]+)/g)!.map((f) => f.replace(/^"|"$/g, ''));
      const [id, etsSeconds, thetaSeconds, etsModel, ets, theta] = fields;
      return {
        id: id!,
        etsSeconds: Number(etsSeconds),
        thetaSeconds: Number(thetaSeconds),
        etsModel: etsModel!,
        ets: numbers(ets!),
        theta: numbers(theta!),
      };
    });
    return { ok: true, version: availability.reason, timings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
