import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatBusinessDate, formatInstant } from '../format/date';
import { userLocale } from '../format/locale';
import {
  type ChartAxis,
  type ChartBand,
  type ChartSeries,
  type ChartThreshold,
  chartCsv,
  chartSummary,
  plotColumns,
  toUnixSeconds,
} from './chart-model';
import { buildOptions } from './chart-options';
import { tooltipPlugin } from './chart-tooltip';
import { downloadText } from './csv';
import './time-series-chart.css';

export interface TimeSeriesChartProps {
  /** Heading and accessible name. */
  title: string;
  /** Business dates (`YYYY-MM-DD`) or ISO instants, ascending. */
  x: readonly string[];
  /** Header of the x column in the CSV export. */
  xLabel?: string;
  series: readonly ChartSeries[];
  axes: { left: ChartAxis; right?: ChartAxis };
  /** Shaded intervals (forecast 80/95% bands). */
  bands?: readonly ChartBand[];
  /** Horizontal reference line (minimum cash). */
  threshold?: ChartThreshold;
  height?: number;
  /** CSV file name, without extension. */
  exportName: string;
}

/**
 * A time-series chart over uPlot (canvas; stays fast with tens of thousands of points). Exact values
 * in a tooltip, also by keyboard (arrow keys) for screen readers; legend toggles; CSV export of
 * exactly the plotted columns. Pass memoised props: a new `series` array re-creates the plot.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { title, x, series, axes, bands, threshold, height = 300, exportName, xLabel = 'Date' } = props;
  const locale = userLocale();
  const headingId = useId();
  const input = useMemo(
    () => ({ x, xLabel, series, bands, threshold }),
    [x, xLabel, series, bands, threshold],
  );
  const columns = useMemo(() => plotColumns(input), [input]);
  const xs = useMemo(() => x.map(toUnixSeconds), [x]);
  const xIsDate = x[0]?.length === 10;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const wrapRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const summaryId = useId();
  const keyboardRef = useRef(false);
  // The point being read by keyboard, exposed as the slider's value for screen readers.
  const [reading, setReading] = useState<{ index: number; text: string } | null>(null);
  const indexRef = useRef<number | null>(null);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const formatX = (i: number) =>
      xIsDate ? formatBusinessDate(x[i]!, locale) : formatInstant(new Date(xs[i]! * 1000), locale);
    const plugin = tooltipPlugin({
      columns,
      hidden,
      formatX,
      onMove: (text) => {
        if (keyboardRef.current && text && indexRef.current !== null)
          setReading({ index: indexRef.current, text });
      },
    });
    const options = buildOptions({
      width: Math.max(wrap.clientWidth, 300),
      height,
      columns,
      hidden,
      axes,
      xIsDate,
      locale,
      plugins: [plugin],
    });
    const plot = new uPlot(options, [xs, ...columns.map((c) => c.values)] as uPlot.AlignedData, wrap);
    plotRef.current = plot;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) plot.setSize({ width: Math.max(entry.contentRect.width, 300), height });
    });
    observer.observe(wrap);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [columns, xs, x, xIsDate, hidden, axes, height, locale]);

  const moveCursor = (event: KeyboardEvent<HTMLDivElement>) => {
    const plot = plotRef.current;
    if (!plot || xs.length === 0) return;
    const last = xs.length - 1;
    const current = indexRef.current ?? -1;
    const step = event.shiftKey ? 7 : 1;
    const next =
      event.key === 'ArrowRight'
        ? Math.min(last, current + step)
        : event.key === 'ArrowLeft'
          ? Math.max(0, current < 0 ? last : current - step)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    keyboardRef.current = true;
    indexRef.current = next;
    plot.setCursor({ left: plot.valToPos(xs[next]!, 'x'), top: plot.over.clientHeight / 3 });
  };

  const toggle = (group: string) =>
    setHidden((previous) => {
      const next = new Set(previous);
      if (!next.delete(group)) next.add(group);
      return next;
    });

  const legend = [
    ...(bands ?? []).map((b) => ({
      group: b.key,
      label: b.label,
      colour: columns.find((c) => c.group === b.key)?.colour ?? '',
      kind: 'band' as const,
      dash: undefined,
    })),
    ...columns
      .filter((c) => c.role === 'line' || c.role === 'threshold')
      .map((c) => ({
        group: c.group,
        label: c.label,
        colour: c.colour,
        kind: 'line' as const,
        dash: c.dash,
      })),
  ];

  return (
    <figure className="chart" aria-labelledby={headingId}>
      <div className="chart__head">
        <h2 id={headingId} className="chart__title">
          {title}
        </h2>
        <button
          type="button"
          className="button no-print"
          onClick={() => downloadText(`${exportName}.csv`, chartCsv(input, columns))}
          disabled={x.length === 0}
        >
          Export CSV
        </button>
      </div>
      <ul className="chart__legend" aria-label={`${title}: series`}>
        {legend.map((item) => (
          <li key={item.group}>
            <button type="button" aria-pressed={!hidden.has(item.group)} onClick={() => toggle(item.group)}>
              <LegendMark colour={item.colour} kind={item.kind} dash={item.dash} />
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      {/* The plot is a slider over its points: arrow keys move the reading, announced as its value. */}
      <div
        ref={wrapRef}
        className="chart__plot"
        role="slider"
        tabIndex={0}
        aria-label={`${title}: values by ${xLabel.toLowerCase()}`}
        aria-describedby={summaryId}
        aria-valuemin={0}
        aria-valuemax={Math.max(0, x.length - 1)}
        aria-valuenow={reading?.index ?? 0}
        aria-valuetext={reading?.text ?? 'Use the arrow keys to read values'}
        onKeyDown={moveCursor}
        onMouseMove={() => {
          keyboardRef.current = false;
        }}
        onBlur={() => plotRef.current?.setCursor({ left: -10, top: -10 })}
        style={{ minHeight: height }}
      />
      <p id={summaryId} className="visually-hidden">
        {chartSummary(input)}
      </p>
    </figure>
  );
}

function LegendMark({
  colour,
  kind,
  dash,
}: {
  colour: string;
  kind: 'band' | 'line';
  dash: number[] | undefined;
}) {
  return (
    <svg aria-hidden="true" width="24" height="12" viewBox="0 0 24 12">
      {kind === 'band' ? (
        <rect
          x="1"
          y="2"
          width="22"
          height="8"
          fill={colour}
          fillOpacity="0.25"
          stroke={colour}
          strokeOpacity="0.6"
        />
      ) : (
        <line
          x1="1"
          y1="6"
          x2="23"
          y2="6"
          stroke={colour}
          strokeWidth="2.5"
          strokeDasharray={dash?.join(' ')}
        />
      )}
    </svg>
  );
}
