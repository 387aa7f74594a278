import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import {
  ariaSort,
  nextSort,
  type SortDirection,
  type SortState,
  type SortValue,
  sortRows,
} from './data-table-model';
import './data-table.css';

export interface Column<Row> {
  key: string;
  header: string;
  /** 'end' for numbers, so digits line up. */
  align?: 'start' | 'end';
  cell: (row: Row) => ReactNode;
  /** The value sorted on; a column without one is not sortable. */
  sortValue?: (row: Row) => SortValue;
  /** First click sorts this way ('desc' suits amounts: biggest first). */
  firstSort?: SortDirection;
  /** The totals-row cell, computed over all rows (not only those scrolled into view). */
  total?: (rows: readonly Row[]) => ReactNode;
  width?: string;
}

export interface DataTableProps<Row> {
  /** The table's accessible name; shown above it unless `hideCaption`. */
  caption: string;
  hideCaption?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  initialSort?: SortState;
  /** Label of the totals row's first cell; the row appears when any column has `total`. */
  totalsLabel?: string;
  /** Above this many rows only the visible rows are rendered. */
  virtualizeAbove?: number;
  /** Height of the scroll area when virtualised. */
  maxHeight?: number;
  /** Estimated row height in px for the virtualiser. */
  rowHeight?: number;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
}

/** A sortable table with a totals row, virtualised past a few hundred rows. */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { caption, hideCaption, columns, rows, rowKey, totalsLabel = 'Total', empty } = props;
  const { virtualizeAbove = 300, maxHeight = 560, rowHeight = 40 } = props;
  const [sort, setSort] = useState<SortState | null>(props.initialSort ?? null);
  const sorted = useMemo(() => {
    if (!sort) return [...rows];
    const column = columns.find((c) => c.key === sort.columnKey);
    return column?.sortValue ? sortRows(rows, column.sortValue, sort.direction) : [...rows];
  }, [rows, columns, sort]);
  const virtual = sorted.length > virtualizeAbove;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: virtual ? sorted.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const hasTotals = columns.some((c) => c.total);

  const items = virtual ? virtualizer.getVirtualItems() : [];
  const visible = virtual
    ? items.map((item) => ({ row: sorted[item.index]!, index: item.index }))
    : sorted.map((row, index) => ({ row, index }));
  const padTop = virtual && items.length > 0 ? items[0]!.start : 0;
  const padBottom =
    virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div
      ref={scrollRef}
      className={`data-table${virtual ? ' data-table--virtual' : ''}`}
      // A scrolling region must be a named tab stop, or keyboard users cannot scroll it.
      {...(virtual ? { style: { maxHeight }, role: 'region', 'aria-label': caption, tabIndex: 0 } : {})}
    >
      <table aria-rowcount={virtual ? sorted.length + 1 + (hasTotals ? 1 : 0) : undefined}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr aria-rowindex={virtual ? 1 : undefined}>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={column.sortValue ? ariaSort(sort, column.key) : undefined}
                className={column.align === 'end' ? 'num' : undefined}
                style={column.width ? { width: column.width } : undefined}
              >
                {column.sortValue ? (
                  <button type="button" onClick={() => setSort(nextSort(sort, column.key, column.firstSort))}>
                    {column.header}
                    <SortMark direction={sort?.columnKey === column.key ? sort.direction : null} />
                  </button>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && <tr className="data-table__spacer" style={{ height: padTop }} />}
          {visible.map(({ row, index }) => (
            <tr
              key={rowKey(row)}
              aria-rowindex={virtual ? index + 2 : undefined}
              data-index={virtual ? index : undefined}
              ref={virtual ? virtualizer.measureElement : undefined}
            >
              {columns.map((column) => (
                <td key={column.key} className={column.align === 'end' ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
          {padBottom > 0 && <tr className="data-table__spacer" style={{ height: padBottom }} />}
          {sorted.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="data-table__empty">
                {empty ?? 'No rows.'}
              </td>
            </tr>
          )}
        </tbody>
        {hasTotals && sorted.length > 0 && (
          <tfoot>
            <tr aria-rowindex={virtual ? sorted.length + 2 : undefined}>
              {columns.map((column, index) => {
                const content = column.total?.(rows) ?? (index === 0 ? totalsLabel : null);
                return index === 0 ? (
                  <th key={column.key} scope="row">
                    {content}
                  </th>
                ) : (
                  <td key={column.key} className={column.align === 'end' ? 'num' : undefined}>
                    {content}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function SortMark({ direction }: { direction: SortDirection | null }) {
  // aria-sort on the header already tells assistive tech; the mark is visual.
  return (
    <span aria-hidden="true" className="data-table__sort">
      {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
    </span>
  );
}
