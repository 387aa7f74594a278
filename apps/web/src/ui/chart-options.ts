import uPlot from 'uplot';
import type { ChartAxis, PlotColumn } from './chart-model';

const DAY = 86_400;

/** x tick labels in the user's locale; dates stay in UTC so a business date never shifts a day. */
function xTicks(locale: string, utc: boolean) {
  const timeZone = utc ? 'UTC' : undefined;
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  return (_u: uPlot, splits: number[], _axis: number, _space: number, increment: number) => {
    const format = increment >= 28 * DAY ? month : increment >= DAY ? day : time;
    return splits.map((s) => format.format(new Date(s * 1000)));
  };
}

/**
 * Value axes include zero, so the height of a line is its size and two axes read alike
 * (a trend that starts mid-air exaggerates every change).
 */
const fromZero: uPlot.Scale.Range = (_u, min, max) => {
  const low = Math.min(0, min ?? 0);
  const high = Math.max(0, max ?? 0);
  if (low === high) return [0, 1];
  const [, paddedHigh] = uPlot.rangeNum(low, high, 0.1, true);
  const [paddedLow] = low < 0 ? uPlot.rangeNum(low, high, 0.1, true) : [0];
  return [paddedLow ?? 0, high > 0 ? (paddedHigh ?? high) : 0];
};

/** Translucent fill from an opaque hex colour. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0');
  return `${hex}${a}`;
}

export interface OptionsInput {
  width: number;
  height: number;
  columns: readonly PlotColumn[];
  hidden: ReadonlySet<string>;
  axes: { left: ChartAxis; right?: ChartAxis };
  xIsDate: boolean;
  locale: string;
  plugins: uPlot.Plugin[];
}

/** uPlot options from the plot columns: series index = column index + 1 (0 is x). */
export function buildOptions(input: OptionsInput): uPlot.Options {
  const { columns, axes, locale, xIsDate } = input;
  const hasRight = columns.some((c) => c.axis === 'right');
  const axisStyle = {
    stroke: '#4a5561',
    grid: { stroke: '#e3e7eb', width: 1 },
    ticks: { stroke: '#d5dbe1', width: 1 },
  };
  const series: uPlot.Series[] = [
    {},
    ...columns.map((column) => {
      const isBand = column.role === 'band-lower' || column.role === 'band-upper';
      return {
        label: column.label,
        scale: column.axis,
        show: !input.hidden.has(column.group),
        stroke: isBand ? withAlpha(column.colour, 0.45) : column.colour,
        width: isBand ? 1 : column.role === 'threshold' ? 1.5 : 2,
        dash: column.dash,
        points: { show: column.role === 'line' ? undefined : false },
      } satisfies uPlot.Series;
    }),
  ];
  const bands: uPlot.Band[] = columns.flatMap((column, index) =>
    column.role === 'band-upper' && column.pair !== undefined
      ? [{ series: [index + 1, column.pair + 1] as [number, number], fill: withAlpha(column.colour, 0.18) }]
      : [],
  );
  return {
    width: input.width,
    height: input.height,
    plugins: input.plugins,
    legend: { show: false },
    cursor: { x: true, y: false, drag: { x: false, y: false }, points: { size: 7 } },
    tzDate: xIsDate ? (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') : undefined,
    scales: { x: { time: true }, left: { range: fromZero }, right: { range: fromZero } },
    series,
    bands,
    axes: [
      { ...axisStyle, values: xTicks(locale, xIsDate) },
      {
        ...axisStyle,
        scale: 'left',
        label: axes.left.label,
        size: 64,
        values: (_u, splits) => splits.map((v) => axes.left.tick(v)),
      },
      ...(hasRight && axes.right
        ? [
            {
              ...axisStyle,
              scale: 'right',
              side: 1,
              label: axes.right.label,
              size: 64,
              grid: { show: false },
              values: (_u: uPlot, splits: number[]) => splits.map((v) => axes.right!.tick(v)),
            } satisfies uPlot.Axis,
          ]
        : []),
    ],
  };
}
