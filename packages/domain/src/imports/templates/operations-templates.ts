import {
  BATCH_STATUSES,
  type ProductionBatchRecord,
  PURCHASE_ORDER_STATUSES,
  type PurchaseOrderRecord,
  productionBatchRecordSchema,
  purchaseOrderRecordSchema,
  type StockLevelRecord,
  stockLevelRecordSchema,
} from '../../records/operations-records';
import {
  cellByFields,
  cellValue,
  type ImportTemplate,
  optionalCell,
  type RowValues,
} from '../import-template';
import { defined, updatedAtColumn } from './common-columns';

/** Stock of one SKU at one location at the end of a day. */
export const stockLevelsTemplate: ImportTemplate<StockLevelRecord> = {
  kind: 'stock-levels',
  title: 'Stock levels',
  recordName: 'stock level',
  summary: 'Stock on hand per SKU and location at the end of a day.',
  columns: [
    { name: 'sku', type: 'code', required: true, description: 'SKU of the product (it must exist).' },
    {
      name: 'location',
      type: 'code',
      required: true,
      description: 'Code of the warehouse or FBA location (it must exist).',
    },
    {
      name: 'as_of',
      type: 'date',
      required: true,
      description: 'The day the figures describe (end of day).',
    },
    {
      name: 'on_hand',
      type: 'integer',
      required: true,
      description: 'Units physically present (may be negative).',
    },
    {
      name: 'allocated',
      type: 'integer',
      min: 0,
      required: false,
      description: 'Units promised to orders; 0 when empty.',
    },
    {
      name: 'inbound',
      type: 'integer',
      min: 0,
      required: false,
      description: 'Units on the way in; 0 when empty.',
    },
    updatedAtColumn('stock level'),
  ],
  examples: [
    {
      sku: 'GIN-LDN-70',
      location: 'DIST-UK',
      as_of: '2026-03-14',
      on_hand: '1840',
      allocated: '120',
      inbound: '600',
    },
    { sku: 'GIN-PINK-70', location: 'DIST-UK', as_of: '2026-03-14', on_hand: '955' },
  ],
  schema: stockLevelRecordSchema,
  keyOf: (v) =>
    `${cellValue<string>(v, 'sku')}@${cellValue<string>(v, 'location')}@${cellValue<string>(v, 'as_of')}`,
  keyColumns: ['sku', 'location', 'as_of'],
  build([row], source) {
    const v = row!;
    return {
      source,
      sku: cellValue<string>(v, 'sku'),
      locationCode: cellValue<string>(v, 'location'),
      asOf: cellValue<string>(v, 'as_of'),
      onHand: cellValue<number>(v, 'on_hand'),
      ...defined({
        allocated: optionalCell<number>(v, 'allocated'),
        inbound: optionalCell<number>(v, 'inbound'),
        sourceUpdatedAt: optionalCell<string>(v, 'updated_at'),
      }),
    };
  },
  cellOf: (path) =>
    cellByFields(path, {
      sku: 'sku',
      locationCode: 'location',
      asOf: 'as_of',
      onHand: 'on_hand',
      allocated: 'allocated',
      inbound: 'inbound',
      sourceUpdatedAt: 'updated_at',
    }),
  references: { sku: 'sku', location: 'location' },
};

function purchaseOrderLine(v: RowValues, position: number): PurchaseOrderRecord['lines'][number] {
  return {
    lineKey: optionalCell<string>(v, 'line_id') ?? String(position),
    sku: cellValue<string>(v, 'sku'),
    quantity: cellValue<number>(v, 'quantity'),
    unitCostMinor: cellValue<number>(v, 'unit_cost'),
    ...defined({ receivedQuantity: optionalCell<number>(v, 'received_quantity') }),
  };
}

/** Purchase orders to suppliers, one row per line. */
export const purchaseOrdersTemplate: ImportTemplate<PurchaseOrderRecord> = {
  kind: 'purchase-orders',
  title: 'Purchase orders',
  recordName: 'purchase order',
  summary: 'Purchase orders to suppliers, one row per order line.',
  groupBy: 'po_number',
  columns: [
    {
      name: 'po_number',
      type: 'code',
      required: true,
      level: 'record',
      description:
        'The purchase order number; rows with the same number are its lines and must be consecutive.',
    },
    {
      name: 'supplier',
      type: 'code',
      required: true,
      level: 'record',
      description: 'Code of the supplier (it must exist).',
    },
    {
      name: 'order_date',
      type: 'date',
      required: true,
      level: 'record',
      description: 'Date the order was placed.',
    },
    {
      name: 'expected_date',
      type: 'date',
      required: false,
      level: 'record',
      description: 'Date delivery is expected.',
    },
    {
      name: 'received_date',
      type: 'date',
      required: false,
      level: 'record',
      description: 'Date it was received in full.',
    },
    {
      name: 'status',
      type: 'enum',
      values: PURCHASE_ORDER_STATUSES,
      required: true,
      level: 'record',
      description: 'Where the order stands.',
    },
    {
      name: 'currency',
      type: 'currency',
      required: true,
      level: 'record',
      description: 'Currency of every amount of the order.',
    },
    {
      name: 'po_total',
      type: 'money',
      currencyColumn: 'currency',
      required: false,
      level: 'record',
      description: 'Total excluding tax; the sum of quantity × unit_cost when empty.',
    },
    updatedAtColumn('purchase order', 'record'),
    {
      name: 'line_id',
      type: 'code',
      required: false,
      level: 'line',
      description: "The line's id, unique within the order; its position (1, 2, …) when empty.",
    },
    {
      name: 'sku',
      type: 'code',
      required: true,
      level: 'line',
      description: 'SKU of the product (it must exist).',
    },
    {
      name: 'quantity',
      type: 'integer',
      min: 1,
      required: true,
      level: 'line',
      description: 'Units ordered.',
    },
    {
      name: 'received_quantity',
      type: 'integer',
      min: 0,
      required: false,
      level: 'line',
      description: 'Units received so far; 0 when empty.',
    },
    {
      name: 'unit_cost',
      type: 'money',
      currencyColumn: 'currency',
      min: 0,
      required: true,
      level: 'line',
      description: 'Cost per unit excluding tax.',
    },
  ],
  examples: [
    {
      po_number: 'EX-PO-501',
      supplier: 'SUP-GLASS',
      order_date: '2026-03-02',
      expected_date: '2026-03-30',
      status: 'placed',
      currency: 'GBP',
      sku: 'GIN-LDN-70',
      quantity: '1200',
      unit_cost: '0.85',
    },
    {
      po_number: 'EX-PO-501',
      supplier: 'SUP-GLASS',
      order_date: '2026-03-02',
      expected_date: '2026-03-30',
      status: 'placed',
      currency: 'GBP',
      sku: 'GIN-PINK-70',
      quantity: '600',
      received_quantity: '0',
      unit_cost: '0.85',
    },
  ],
  schema: purchaseOrderRecordSchema,
  keyOf: (v) => cellValue<string>(v, 'po_number'),
  keyColumns: ['po_number'],
  build(rows, source) {
    const first = rows[0]!;
    return {
      source,
      externalId: cellValue<string>(first, 'po_number'),
      supplierCode: cellValue<string>(first, 'supplier'),
      orderDate: cellValue<string>(first, 'order_date'),
      status: cellValue<PurchaseOrderRecord['status']>(first, 'status'),
      currency: cellValue<string>(first, 'currency'),
      ...defined({
        expectedDate: optionalCell<string>(first, 'expected_date'),
        receivedDate: optionalCell<string>(first, 'received_date'),
        totalMinor: optionalCell<number>(first, 'po_total'),
        sourceUpdatedAt: optionalCell<string>(first, 'updated_at'),
      }),
      lines: rows.map((row, i) => purchaseOrderLine(row, i + 1)),
    };
  },
  cellOf: (path) =>
    cellByFields(
      path,
      {
        externalId: 'po_number',
        supplierCode: 'supplier',
        orderDate: 'order_date',
        expectedDate: 'expected_date',
        receivedDate: 'received_date',
        status: 'status',
        currency: 'currency',
        totalMinor: 'po_total',
        sourceUpdatedAt: 'updated_at',
        lines: 'line_id',
      },
      {
        lineKey: 'line_id',
        sku: 'sku',
        quantity: 'quantity',
        receivedQuantity: 'received_quantity',
        unitCostMinor: 'unit_cost',
      },
    ),
  references: { supplier: 'supplier', sku: 'sku' },
};

/** Production batches (assemblies), one row each. */
export const productionBatchesTemplate: ImportTemplate<ProductionBatchRecord> = {
  kind: 'production-batches',
  title: 'Production batches',
  recordName: 'production batch',
  summary: 'Production batches with planned and actual dates.',
  columns: [
    {
      name: 'batch_id',
      type: 'code',
      required: true,
      description: 'The batch or assembly number in your system.',
    },
    { name: 'sku', type: 'code', required: true, description: 'SKU made (it must exist).' },
    {
      name: 'line',
      type: 'code',
      required: false,
      description: 'Code of the production line (it must exist).',
    },
    { name: 'quantity', type: 'integer', min: 1, required: true, description: 'Units in the batch.' },
    { name: 'planned_start', type: 'date', required: true, description: 'Planned first day.' },
    {
      name: 'planned_end',
      type: 'date',
      required: true,
      description: 'Planned last day (not before planned_start).',
    },
    { name: 'actual_start', type: 'date', required: false, description: 'Actual first day.' },
    {
      name: 'actual_end',
      type: 'date',
      required: false,
      description: 'Actual last day (not before actual_start).',
    },
    {
      name: 'status',
      type: 'enum',
      values: BATCH_STATUSES,
      required: true,
      description: 'Where the batch stands.',
    },
    updatedAtColumn('batch'),
  ],
  examples: [
    {
      batch_id: 'EX-B-2041',
      sku: 'GIN-LDN-70',
      line: 'LINE-BOTTLING',
      quantity: '1800',
      planned_start: '2026-03-16',
      planned_end: '2026-03-18',
      status: 'planned',
    },
    {
      batch_id: 'EX-B-2040',
      sku: 'GIN-PINK-70',
      line: 'LINE-INFUSION',
      quantity: '900',
      planned_start: '2026-03-09',
      planned_end: '2026-03-12',
      actual_start: '2026-03-09',
      actual_end: '2026-03-13',
      status: 'completed',
    },
  ],
  schema: productionBatchRecordSchema,
  keyOf: (v) => cellValue<string>(v, 'batch_id'),
  keyColumns: ['batch_id'],
  build([row], source) {
    const v = row!;
    return {
      source,
      externalId: cellValue<string>(v, 'batch_id'),
      sku: cellValue<string>(v, 'sku'),
      quantity: cellValue<number>(v, 'quantity'),
      plannedStart: cellValue<string>(v, 'planned_start'),
      plannedEnd: cellValue<string>(v, 'planned_end'),
      status: cellValue<ProductionBatchRecord['status']>(v, 'status'),
      ...defined({
        lineCode: optionalCell<string>(v, 'line'),
        actualStart: optionalCell<string>(v, 'actual_start'),
        actualEnd: optionalCell<string>(v, 'actual_end'),
        sourceUpdatedAt: optionalCell<string>(v, 'updated_at'),
      }),
    };
  },
  cellOf: (path) =>
    cellByFields(path, {
      externalId: 'batch_id',
      sku: 'sku',
      lineCode: 'line',
      quantity: 'quantity',
      plannedStart: 'planned_start',
      plannedEnd: 'planned_end',
      actualStart: 'actual_start',
      actualEnd: 'actual_end',
      status: 'status',
      sourceUpdatedAt: 'updated_at',
    }),
  references: { sku: 'sku', 'production line': 'line' },
};
