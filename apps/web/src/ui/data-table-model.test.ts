import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, sortRows, sumColumn } from './data-table-model';

const rows = [
  { name: 'SKU-10', value: 5 },
  { name: 'SKU-2', value: null },
  { name: 'sku-1', value: 12 },
  { name: 'SKU-3', value: 5 },
];

describe('sortRows', () => {
  it('sorts numbers both ways, keeping ties stable and empties last', () => {
    expect(sortRows(rows, (r) => r.value, 'asc').map((r) => r.name)).toEqual([
      'SKU-10',
      'SKU-3',
      'sku-1',
      'SKU-2',
    ]);
    expect(sortRows(rows, (r) => r.value, 'desc').map((r) => r.name)).toEqual([
      'sku-1',
      'SKU-10',
      'SKU-3',
      'SKU-2',
    ]);
  });

  it('sorts text naturally and case-insensitively', () => {
    expect(sortRows(rows, (r) => r.name, 'asc').map((r) => r.name)).toEqual([
      'sku-1',
      'SKU-2',
      'SKU-3',
      'SKU-10',
    ]);
  });

  it('does not mutate its input', () => {
    const copy = [...rows];
    sortRows(rows, (r) => r.name, 'desc');
    expect(rows).toEqual(copy);
  });
});

describe('sort state', () => {
  it('cycles direction on the same column and resets on another', () => {
    const first = nextSort(null, 'value');
    expect(first).toEqual({ columnKey: 'value', direction: 'asc' });
    expect(nextSort(first, 'value').direction).toBe('desc');
    expect(nextSort(first, 'name', 'desc')).toEqual({ columnKey: 'name', direction: 'desc' });
    expect(ariaSort(first, 'value')).toBe('ascending');
    expect(ariaSort(first, 'name')).toBe('none');
  });
});

describe('sumColumn', () => {
  it('sums, or gives null when a row has no value', () => {
    expect(sumColumn([{ v: 1 }, { v: 2 }], (r) => r.v)).toBe(3);
    expect(sumColumn(rows, (r) => r.value)).toBeNull();
    expect(sumColumn([], () => 1)).toBe(0);
  });
});
