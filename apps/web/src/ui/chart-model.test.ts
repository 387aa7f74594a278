import { describe, expect, it } from 'vitest';
import { type ChartInput, chartCsv, chartSummary, plotColumns, toUnixSeconds } from './chart-model';
import { toCsv } from './csv';

const fmt = (v: number) => String(v);
const input: ChartInput = {
  x: ['2025-03-01', '2025-03-02'],
  xLabel: 'Day',
  series: [
    { key: 'revenue', label: 'Revenue (GBP)', axis: 'left', values: [1234.5, null], format: fmt },
    { key: 'units', label: 'Units', axis: 'right', values: [10, 12], format: fmt },
  ],
  bands: [
    {
      key: 'p80',
      label: '80% interval',
      axis: 'left',
      lower: [1000, 1100],
      upper: [1500, 1600],
      format: fmt,
    },
  ],
  threshold: { label: 'Minimum cash', value: 900, axis: 'left', format: fmt },
};

describe('plotColumns', () => {
  it('orders bands first, then lines, then the threshold, pairing band edges', () => {
    const columns = plotColumns(input);
    expect(columns.map((c) => c.key)).toEqual(['p80.lower', 'p80.upper', 'revenue', 'units', 'threshold']);
    expect(columns[0]?.pair).toBe(1);
    expect(columns[1]?.pair).toBe(0);
    expect(columns[4]?.values).toEqual([900, 900]);
    expect(columns[2]?.dash).toBeUndefined();
    expect(columns[3]?.dash).toEqual([8, 4]);
  });

  it('refuses series that do not match the x values', () => {
    expect(() => plotColumns({ ...input, series: [{ ...input.series[0]!, values: [1] }] })).toThrow(
      RangeError,
    );
  });
});

describe('chartCsv', () => {
  it('exports exactly the plotted values with a header, empty for gaps', () => {
    expect(chartCsv(input)).toBe(
      'Day,80% interval (lower),80% interval (upper),Revenue (GBP),Units,Minimum cash\r\n' +
        '2025-03-01,1000,1500,1234.5,10,900\r\n' +
        '2025-03-02,1100,1600,,12,900\r\n',
    );
  });
});

describe('toCsv', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(
      toCsv(
        ['a,b', 'say "hi"'],
        [
          ['=SUM(A1)', -5],
          ['x\ny', null],
        ],
      ),
    ).toBe('"a,b","say ""hi"""\r\n\'=SUM(A1),-5\r\n"x\ny",\r\n');
  });
});

describe('toUnixSeconds and chartSummary', () => {
  it('reads business dates as midnight UTC', () => {
    expect(toUnixSeconds('2025-03-01')).toBe(Date.UTC(2025, 2, 1) / 1000);
    expect(toUnixSeconds('2025-03-01T12:00:00Z')).toBe(Date.UTC(2025, 2, 1, 12) / 1000);
  });

  it('describes the chart for screen readers', () => {
    expect(chartSummary(input)).toMatch(/^Revenue \(GBP\), Units from 2025-03-01 to 2025-03-02, 2 points\./);
    expect(chartSummary({ ...input, x: [], series: [] })).toBe('No data to plot.');
  });
});
