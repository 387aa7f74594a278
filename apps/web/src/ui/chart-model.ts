import { type CsvCell, toCsv } from './csv';

/**
 * Okabe–Ito colours, ordered so the first four keep ≥ 3:1 contrast against white (WCAG 1.4.11 for
 * graphics); orange and sky blue come last. Each series also gets its own dash pattern, so lines
 * are told apart without colour at all.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;
export const DASHES: readonly (number[] | undefined)[] = [undefined, [8, 4], [2, 3], [10, 3, 2, 3]];

export type AxisSide = 'left' | 'right';

export interface ChartAxis {
  label: string;
  /** Tick labels (compact). */
  tick: (value: number) => string;
}

export interface ChartSeries {
  key: string;
  label: string;
  axis: AxisSide;
  values: readonly (number | null)[];
  /** Exact value for tooltips. */
  format: (value: number) => string;
  colour?: string;
}

/** A shaded interval, e.g. a forecast's 80% band: plotted between lower and upper. */
export interface ChartBand {
  key: string;
  label: string;
  axis: AxisSide;
  lower: readonly (number | null)[];
  upper: readonly (number | null)[];
  format: (value: number) => string;
  colour?: string;
}

/** A horizontal reference line, e.g. the minimum cash balance. */
export interface ChartThreshold {
  label: string;
  value: number;
  axis: AxisSide;
  format: (value: number) => string;
  colour?: string;
}

export interface ChartInput {
  /** Business dates (`YYYY-MM-DD`) or ISO instants, ascending. */
  x: readonly string[];
  xLabel: string;
  series: readonly ChartSeries[];
  bands?: readonly ChartBand[];
  threshold?: ChartThreshold;
}

/** One plotted column: lines, band edges and the threshold all become columns of the same table. */
export interface PlotColumn {
  key: string;
  /** Columns shown and hidden together (a band's two edges). */
  group: string;
  label: string;
  axis: AxisSide;
  values: (number | null)[];
  format: (value: number) => string;
  colour: string;
  dash: number[] | undefined;
  role: 'line' | 'band-lower' | 'band-upper' | 'threshold';
  /** For band edges, the index (into columns) of the other edge. */
  pair?: number;
}

/** ISO date or instant to unix seconds (uPlot's x unit); dates are midnight UTC. */
export function toUnixSeconds(text: string): number {
  const ms = text.length === 10 ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${text}`);
  return ms / 1000;
}

/** Everything the chart plots, as columns in plotting order, each the same length as x. */
export function plotColumns(input: ChartInput): PlotColumn[] {
  const n = input.x.length;
  const fit = (values: readonly (number | null)[], what: string) => {
    if (values.length !== n) throw new RangeError(`${what} has ${values.length} values for ${n} x points`);
    return [...values];
  };
  const columns: PlotColumn[] = [];
  (input.bands ?? []).forEach((band, i) => {
    const colour = band.colour ?? PALETTE[i % PALETTE.length]!;
    const base = { group: band.key, axis: band.axis, format: band.format, colour, dash: undefined };
    const lowerIndex = columns.length;
    columns.push({
      ...base,
      key: `${band.key}.lower`,
      label: `${band.label} (lower)`,
      values: fit(band.lower, band.key),
      role: 'band-lower',
      pair: lowerIndex + 1,
    });
    columns.push({
      ...base,
      key: `${band.key}.upper`,
      label: `${band.label} (upper)`,
      values: fit(band.upper, band.key),
      role: 'band-upper',
      pair: lowerIndex,
    });
  });
  input.series.forEach((series, i) => {
    columns.push({
      key: series.key,
      group: series.key,
      label: series.label,
      axis: series.axis,
      values: fit(series.values, series.key),
      format: series.format,
      colour: series.colour ?? PALETTE[i % PALETTE.length]!,
      dash: DASHES[i % DASHES.length],
      role: 'line',
    });
  });
  if (input.threshold) {
    const t = input.threshold;
    columns.push({
      key: 'threshold',
      group: 'threshold',
      label: t.label,
      axis: t.axis,
      values: new Array<number | null>(n).fill(t.value),
      format: t.format,
      colour: t.colour ?? '#B0281B',
      dash: [6, 4],
      role: 'threshold',
    });
  }
  return columns;
}

/** The CSV of exactly what is plotted: x as given, then every column's plotted numbers. */
export function chartCsv(input: ChartInput, columns: readonly PlotColumn[] = plotColumns(input)): string {
  const header = [input.xLabel, ...columns.map((c) => c.label)];
  const rows: CsvCell[][] = input.x.map((x, i) => [x, ...columns.map((c) => c.values[i])]);
  return toCsv(header, rows);
}

/** A one-sentence description for the canvas, which assistive tech cannot read. */
export function chartSummary(input: ChartInput): string {
  if (input.x.length === 0) return 'No data to plot.';
  const names = input.series.map((s) => s.label).join(', ');
  return `${names} from ${input.x[0]} to ${input.x[input.x.length - 1]}, ${input.x.length} points. Use the arrow keys on the chart to read values, or export the data as CSV.`;
}
