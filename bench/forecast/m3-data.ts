import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Period = 'yearly' | 'quarterly' | 'monthly' | 'other';
export const PERIODS: readonly Period[] = ['yearly', 'quarterly', 'monthly', 'other'];

export interface M3Series {
  readonly id: string;
  readonly period: Period;
  readonly category: string;
  readonly frequency: number;
  readonly horizon: number;
  readonly train: Float64Array;
  readonly test: Float64Array;
}

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `M3_DIR`, or ../shared/data/m3 relative to the repository root. */
export function m3Directory(): string {
  return process.env.M3_DIR ? resolve(process.env.M3_DIR) : resolve(REPO_ROOT, '..', 'shared', 'data', 'm3');
}

function numbers(field: string): Float64Array {
  const parts = field.trim().split(/\s+/);
  const out = new Float64Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]);
  return out;
}

function lines(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  const rows = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = rows.shift();
  if (header === undefined) throw new Error(`${path} is empty`);
  return rows.map((row) => row.split(','));
}

export function loadSeries(dir = m3Directory()): M3Series[] {
  return lines(resolve(dir, 'm3-series.csv')).map((f) => {
    const [id, period, category, frequency, , , n, h, train, test] = f;
    const series: M3Series = {
      id: id!,
      period: period!.toLowerCase() as Period,
      category: category!,
      frequency: Number(frequency),
      horizon: Number(h),
      train: numbers(train!),
      test: numbers(test!),
    };
    if (series.train.length !== Number(n) || series.test.length !== series.horizon) {
      throw new Error(`${id}: n or h does not match the values`);
    }
    return series;
  });
}

/** Published forecasts: method → series id → forecasts. */
export function loadPublished(dir = m3Directory()): Map<string, Map<string, Float64Array>> {
  const out = new Map<string, Map<string, Float64Array>>();
  for (const [method, id, forecasts] of lines(resolve(dir, 'm3-published-forecasts.csv'))) {
    let byId = out.get(method!);
    if (byId === undefined) {
      byId = new Map();
      out.set(method!, byId);
    }
    byId.set(id!, numbers(forecasts!));
  }
  return out;
}
