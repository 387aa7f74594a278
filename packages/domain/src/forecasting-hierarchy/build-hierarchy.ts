import { type ForecastGranularity, forecastPeriodRange } from './periods';
import { type SeriesCoordinates, type SeriesLevel, seriesKey } from './series-key';

/** Units sold in one period by one SKU in one channel (the channel's region alongside). */
export interface PeriodSalesRow {
  readonly periodStart: string;
  readonly sku: string;
  readonly channel: string;
  readonly region: string;
  readonly units: number;
}

export interface HierarchyNode {
  readonly key: string;
  readonly level: SeriesLevel;
  readonly coords: SeriesCoordinates;
  /** Positions (into `SalesHierarchy.bottom`) of the bottom series this node sums. */
  readonly bottom: Int32Array;
  /** Units per period, aligned with `SalesHierarchy.periods`; zero where nothing sold. */
  readonly y: Float64Array;
}

export interface SalesHierarchy {
  readonly granularity: ForecastGranularity;
  readonly periods: readonly string[];
  /** Company, regions, channels, SKUs, SKU × region, then the bottom level (SKU × channel). */
  readonly nodes: readonly HierarchyNode[];
  /** Node index of each bottom series, in bottom order. */
  readonly bottom: readonly number[];
}

const LEVEL_ORDER: Record<SeriesLevel, number> = {
  company: 0,
  region: 1,
  channel: 2,
  sku: 3,
  'sku-region': 4,
  'sku-channel': 5,
};

/** The aggregate series a bottom series (SKU × channel in a region) adds into, itself last. */
function ancestry(sku: string, channel: string, region: string): [SeriesLevel, SeriesCoordinates][] {
  return [
    ['company', {}],
    ['region', { region }],
    ['channel', { channel, region }],
    ['sku', { sku }],
    ['sku-region', { sku, region }],
    ['sku-channel', { sku, channel, region }],
  ];
}

/**
 * Builds every series of the hierarchy from per-period sales of SKU × channel: the bottom series are
 * the SKU × channel pairs that sold in the window, and each total above them (SKU × region, SKU,
 * channel, region, company) is their exact sum. Periods without sales are zeros; rows outside
 * `first`…`last` are left out.
 */
export function buildSalesHierarchy(
  rows: readonly PeriodSalesRow[],
  window: { granularity: ForecastGranularity; first: string; last: string },
): SalesHierarchy {
  const periods = forecastPeriodRange(window.first, window.last, window.granularity);
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const n = periods.length;

  const pairs = new Map<string, { sku: string; channel: string; region: string; y: Float64Array }>();
  for (const row of rows) {
    const t = periodIndex.get(row.periodStart);
    if (t === undefined) continue;
    if (!Number.isFinite(row.units))
      throw new RangeError(`units of ${row.sku} in ${row.channel} are not finite`);
    const pairKey = `${row.sku}\u0000${row.channel}`;
    let pair = pairs.get(pairKey);
    if (!pair) {
      pair = { sku: row.sku, channel: row.channel, region: row.region, y: new Float64Array(n) };
      pairs.set(pairKey, pair);
    } else if (pair.region !== row.region) {
      throw new RangeError(`channel ${row.channel} is in two regions (${pair.region}, ${row.region})`);
    }
    pair.y[t] = pair.y[t]! + row.units;
  }

  const bottomPairs = [...pairs.values()].sort(
    (a, b) => cmp(a.sku, b.sku) || cmp(a.region, b.region) || cmp(a.channel, b.channel),
  );
  const building = new Map<
    string,
    { level: SeriesLevel; coords: SeriesCoordinates; bottom: number[]; y: Float64Array }
  >();
  bottomPairs.forEach((pair, position) => {
    for (const [level, coords] of ancestry(pair.sku, pair.channel, pair.region)) {
      const key = seriesKey(level, coords);
      let node = building.get(key);
      if (!node) {
        node = { level, coords, bottom: [], y: new Float64Array(n) };
        building.set(key, node);
      }
      node.bottom.push(position);
      for (let t = 0; t < n; t++) node.y[t] = node.y[t]! + pair.y[t]!;
    }
  });

  const nodes: HierarchyNode[] = [...building.entries()]
    .map(([key, node]) => ({
      key,
      level: node.level,
      coords: node.coords,
      bottom: Int32Array.from(node.bottom),
      y: node.y,
    }))
    .sort(
      (a, b) =>
        LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
        (a.level === 'sku-channel' ? a.bottom[0]! - b.bottom[0]! : cmp(a.key, b.key)),
    );
  const bottom = nodes.flatMap((node, index) => (node.level === 'sku-channel' ? [index] : []));
  return { granularity: window.granularity, periods, nodes, bottom };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
