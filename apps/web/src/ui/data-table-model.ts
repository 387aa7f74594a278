export type SortDirection = 'asc' | 'desc';
export type SortValue = string | number | null | undefined;

export interface SortState {
  columnKey: string;
  direction: SortDirection;
}

/**
 * Sorts rows by a column's sort value without mutating them. Empty values (no data) always go last
 * whatever the direction, so "no data" never masquerades as the smallest or largest figure; ties
 * keep their incoming order.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  value: (row: Row) => SortValue,
  direction: SortDirection,
): Row[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const factor = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const aEmpty = a.key === null || a.key === undefined || a.key === '';
      const bEmpty = b.key === null || b.key === undefined || b.key === '';
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
      const order =
        typeof a.key === 'number' && typeof b.key === 'number'
          ? a.key - b.key
          : collator.compare(String(a.key), String(b.key));
      return order === 0 ? a.index - b.index : order * factor;
    })
    .map((entry) => entry.row);
}

/** Clicking a header: sort by it ascending, then descending, then back to ascending. */
export function nextSort(
  current: SortState | null,
  columnKey: string,
  firstDirection: SortDirection = 'asc',
): SortState {
  if (current?.columnKey !== columnKey) return { columnKey, direction: firstDirection };
  return { columnKey, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

/** The aria-sort value for a header. */
export function ariaSort(current: SortState | null, columnKey: string): 'ascending' | 'descending' | 'none' {
  if (current?.columnKey !== columnKey) return 'none';
  return current.direction === 'asc' ? 'ascending' : 'descending';
}

/** Sums a numeric column exactly for integer inputs; null when any row has no value (a partial sum would mislead). */
export function sumColumn<Row>(rows: readonly Row[], value: (row: Row) => number | null): number | null {
  let total = 0;
  for (const row of rows) {
    const v = value(row);
    if (v === null) return null;
    total += v;
  }
  return total;
}
