import type uPlot from 'uplot';
import type { PlotColumn } from './chart-model';

/** Tooltip text lines for one x index: exact values, bands as "lower – upper". */
export function tooltipLines(columns: readonly PlotColumn[], index: number, hidden: ReadonlySet<string>) {
  const lines: { colour: string; label: string; value: string }[] = [];
  columns.forEach((column) => {
    if (hidden.has(column.group) || column.role === 'band-lower') return;
    const value = column.values[index];
    if (column.role === 'band-upper') {
      const lower = columns[column.pair!]?.values[index];
      const text =
        value === null || value === undefined || lower === null || lower === undefined
          ? 'no data'
          : `${column.format(lower)} – ${column.format(value)}`;
      lines.push({ colour: column.colour, label: column.label.replace(/ \(upper\)$/, ''), value: text });
      return;
    }
    const text = value === null || value === undefined ? 'no data' : column.format(value);
    lines.push({ colour: column.colour, label: column.label, value: text });
  });
  return lines;
}

export interface TooltipPluginInput {
  columns: readonly PlotColumn[];
  hidden: ReadonlySet<string>;
  formatX: (index: number) => string;
  /** Called with the tooltip text when the cursor moves, for the screen-reader live region. */
  onMove?: (text: string | null) => void;
}

/** A uPlot plugin drawing an HTML tooltip with exact values beside the cursor. */
export function tooltipPlugin(input: TooltipPluginInput): uPlot.Plugin {
  let tip: HTMLDivElement;
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'chart__tooltip';
        tip.setAttribute('aria-hidden', 'true');
        tip.style.display = 'none';
        u.over.append(tip);
        u.over.addEventListener('mouseleave', () => {
          tip.style.display = 'none';
        });
      },
      setCursor: (u) => {
        const index = u.cursor.idx;
        if (index === null || index === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
          tip.style.display = 'none';
          input.onMove?.(null);
          return;
        }
        const lines = tooltipLines(input.columns, index, input.hidden);
        tip.replaceChildren();
        const title = document.createElement('div');
        title.className = 'chart__tooltip-title';
        title.textContent = input.formatX(index);
        tip.append(title);
        for (const line of lines) {
          const row = document.createElement('div');
          row.className = 'chart__tooltip-row';
          const swatch = document.createElement('span');
          swatch.className = 'chart__swatch';
          swatch.style.background = line.colour;
          const label = document.createElement('span');
          label.textContent = line.label;
          const value = document.createElement('strong');
          value.textContent = line.value;
          row.append(swatch, label, value);
          tip.append(row);
        }
        tip.style.display = 'block';
        const width = u.over.clientWidth;
        const left = u.cursor.left;
        const tipWidth = tip.offsetWidth;
        // Flip to the cursor's left near the right edge so the tooltip never leaves the plot.
        tip.style.left = `${left + 14 + tipWidth > width ? Math.max(0, left - 14 - tipWidth) : left + 14}px`;
        tip.style.top = `${Math.max(0, Math.min((u.cursor.top ?? 0) - 10, u.over.clientHeight - tip.offsetHeight))}px`;
        input.onMove?.(`${input.formatX(index)}: ${lines.map((l) => `${l.label} ${l.value}`).join(', ')}`);
      },
    },
  };
}
