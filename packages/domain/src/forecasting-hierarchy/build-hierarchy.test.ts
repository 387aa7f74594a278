import { describe, expect, it } from 'vitest';
import { buildSalesHierarchy, type PeriodSalesRow } from './build-hierarchy';

const rows: PeriodSalesRow[] = [
  { periodStart: '2025-01-01', sku: 'GIN', channel: 'shopify-uk', region: 'UK', units: 10 },
  { periodStart: '2025-01-01', sku: 'GIN', channel: 'amazon-eu', region: 'EU', units: 4 },
  { periodStart: '2025-01-01', sku: 'RUM', channel: 'shopify-uk', region: 'UK', units: 1 },
  { periodStart: '2025-02-01', sku: 'GIN', channel: 'shopify-uk', region: 'UK', units: 12 },
  // No sales of anything in March; RUM sells on Amazon EU in April only.
  { periodStart: '2025-04-01', sku: 'RUM', channel: 'amazon-eu', region: 'EU', units: 7 },
  { periodStart: '2025-04-01', sku: 'GIN', channel: 'shopify-uk', region: 'UK', units: 3 },
  // Outside the window: left out.
  { periodStart: '2024-12-01', sku: 'GIN', channel: 'shopify-uk', region: 'UK', units: 99 },
  { periodStart: '2025-05-01', sku: 'GIN', channel: 'shopify-uk', region: 'UK', units: 99 },
];

describe('buildSalesHierarchy', () => {
  const hierarchy = buildSalesHierarchy(rows, {
    granularity: 'month',
    first: '2025-01-01',
    last: '2025-04-01',
  });
  const series = (key: string) => {
    const node = hierarchy.nodes.find((n) => n.key === key);
    if (!node) throw new Error(`no series ${key}`);
    return Array.from(node.y);
  };

  it('lists every period of the window, zeros where nothing sold', () => {
    expect(hierarchy.periods).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01']);
    expect(series('sku=GIN|channel=shopify-uk|region=UK')).toEqual([10, 12, 0, 3]);
    expect(series('sku=RUM|channel=amazon-eu|region=EU')).toEqual([0, 0, 0, 7]);
  });

  it('builds every total above SKU × channel as the sum of its bottom series', () => {
    expect(series('company')).toEqual([15, 12, 0, 10]);
    expect(series('region=UK')).toEqual([11, 12, 0, 3]);
    expect(series('region=EU')).toEqual([4, 0, 0, 7]);
    expect(series('channel=shopify-uk|region=UK')).toEqual([11, 12, 0, 3]);
    expect(series('sku=GIN')).toEqual([14, 12, 0, 3]);
    expect(series('sku=RUM|region=EU')).toEqual([0, 0, 0, 7]);
    expect(series('sku=RUM|region=UK')).toEqual([1, 0, 0, 0]);
  });

  it('orders levels top-down and knows which bottom series each node sums', () => {
    expect(hierarchy.nodes.map((n) => n.level)).toEqual([
      'company',
      'region',
      'region',
      'channel',
      'channel',
      'sku',
      'sku',
      'sku-region',
      'sku-region',
      'sku-region',
      'sku-region',
      'sku-channel',
      'sku-channel',
      'sku-channel',
      'sku-channel',
    ]);
    expect(hierarchy.bottom).toHaveLength(4);
    for (const node of hierarchy.nodes) {
      const sum = new Array(hierarchy.periods.length).fill(0);
      for (const position of node.bottom) {
        hierarchy.nodes[hierarchy.bottom[position]!]!.y.forEach((v, t) => {
          sum[t] += v;
        });
      }
      expect(Array.from(node.y), node.key).toEqual(sum);
    }
    expect(hierarchy.nodes[0]!.bottom).toHaveLength(4);
  });

  it('refuses a channel reported in two regions', () => {
    expect(() =>
      buildSalesHierarchy(
        [
          { periodStart: '2025-01-01', sku: 'A', channel: 'c', region: 'UK', units: 1 },
          { periodStart: '2025-02-01', sku: 'A', channel: 'c', region: 'EU', units: 1 },
        ],
        { granularity: 'month', first: '2025-01-01', last: '2025-02-01' },
      ),
    ).toThrow(/two regions/);
  });
});
