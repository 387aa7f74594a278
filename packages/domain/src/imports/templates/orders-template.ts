import {
  ORDER_STATUSES,
  type OrderLineRecord,
  type OrderRecord,
  orderRecordSchema,
} from '../../records/sales-records';
import {
  cellByFields,
  cellValue,
  type ImportTemplate,
  optionalCell,
  type RowValues,
  type TemplateColumn,
} from '../import-template';
import { defined, updatedAtColumn } from './common-columns';

const columns: TemplateColumn[] = [
  {
    name: 'order_id',
    type: 'code',
    required: true,
    level: 'record',
    description:
      "The order's id in your system. One row per order line: rows with the same order_id are one order and must be consecutive.",
  },
  {
    name: 'channel',
    type: 'code',
    required: true,
    level: 'record',
    description: 'Code of the sales channel, e.g. shopify-uk or wholesale-uk (it must exist).',
  },
  {
    name: 'customer',
    type: 'code',
    required: false,
    level: 'record',
    description: 'Code of the trade customer (it must exist); empty for marketplace and web-shop shoppers.',
  },
  {
    name: 'order_date',
    type: 'date',
    required: true,
    level: 'record',
    description: 'Business date of the order.',
  },
  {
    name: 'ordered_at',
    type: 'datetime',
    required: false,
    level: 'record',
    description: 'When the order was placed; midnight UTC of order_date when empty.',
  },
  {
    name: 'status',
    type: 'enum',
    values: ORDER_STATUSES,
    required: true,
    level: 'record',
    description: 'cancelled and refunded orders are kept but do not count as revenue.',
  },
  {
    name: 'currency',
    type: 'currency',
    required: true,
    level: 'record',
    description: 'Currency of every amount of the order.',
  },
  {
    name: 'order_total',
    type: 'money',
    currencyColumn: 'currency',
    required: false,
    level: 'record',
    description: 'Order total excluding tax; the sum of the net amounts when empty.',
  },
  updatedAtColumn('order', 'record'),
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
  { name: 'quantity', type: 'integer', min: 1, required: true, level: 'line', description: 'Units ordered.' },
  {
    name: 'unit_price',
    type: 'money',
    currencyColumn: 'currency',
    min: 0,
    required: true,
    level: 'line',
    description: 'Price per unit excluding tax.',
  },
  {
    name: 'discount',
    type: 'money',
    currencyColumn: 'currency',
    min: 0,
    required: false,
    level: 'line',
    description: 'Discount on the whole line; 0 when empty.',
  },
  {
    name: 'net_amount',
    type: 'money',
    currencyColumn: 'currency',
    required: false,
    level: 'line',
    description: 'What the line earns excluding tax; quantity × unit_price − discount when empty.',
  },
];

const FIELDS = {
  externalId: 'order_id',
  channelCode: 'channel',
  customerCode: 'customer',
  orderDate: 'order_date',
  orderedAt: 'ordered_at',
  status: 'status',
  currency: 'currency',
  totalMinor: 'order_total',
  sourceUpdatedAt: 'updated_at',
  lines: 'line_id',
  source: 'order_id',
};
const LINE_FIELDS = {
  lineKey: 'line_id',
  sku: 'sku',
  quantity: 'quantity',
  unitPriceMinor: 'unit_price',
  discountMinor: 'discount',
  netAmountMinor: 'net_amount',
};

function line(values: RowValues, position: number): OrderLineRecord {
  const quantity = cellValue<number>(values, 'quantity');
  const unitPrice = cellValue<number>(values, 'unit_price');
  const discount = optionalCell<number>(values, 'discount');
  return {
    lineKey: optionalCell<string>(values, 'line_id') ?? String(position),
    sku: cellValue<string>(values, 'sku'),
    quantity,
    unitPriceMinor: unitPrice,
    ...defined({ discountMinor: discount }),
    netAmountMinor: optionalCell<number>(values, 'net_amount') ?? quantity * unitPrice - (discount ?? 0),
  };
}

/** Sales orders, one row per order line. */
export const ordersTemplate: ImportTemplate<OrderRecord> = {
  kind: 'orders',
  title: 'Orders',
  recordName: 'order',
  summary: 'Sales orders from any channel, one row per order line.',
  columns,
  groupBy: 'order_id',
  examples: [
    {
      order_id: 'EX-1001',
      channel: 'shopify-uk',
      order_date: '2026-03-14',
      ordered_at: '2026-03-14T10:30:00Z',
      status: 'paid',
      currency: 'GBP',
      sku: 'GIN-LDN-70',
      quantity: '2',
      unit_price: '29.00',
    },
    {
      order_id: 'EX-1001',
      channel: 'shopify-uk',
      order_date: '2026-03-14',
      ordered_at: '2026-03-14T10:30:00Z',
      status: 'paid',
      currency: 'GBP',
      sku: 'GIN-PINK-70',
      quantity: '1',
      unit_price: '30.00',
      discount: '3.00',
    },
    {
      order_id: 'EX-1002',
      channel: 'wholesale-uk',
      customer: 'WS-HARVEY',
      order_date: '2026-03-15',
      status: 'shipped',
      currency: 'GBP',
      line_id: 'A1',
      sku: 'GIN-LDN-70',
      quantity: '60',
      unit_price: '18.50',
      net_amount: '1110.00',
    },
  ],
  schema: orderRecordSchema,
  keyOf: (values) => cellValue<string>(values, 'order_id'),
  keyColumns: ['order_id'],
  build(rows, source) {
    const first = rows[0]!;
    const orderDate = cellValue<string>(first, 'order_date');
    return {
      source,
      externalId: cellValue<string>(first, 'order_id'),
      channelCode: cellValue<string>(first, 'channel'),
      orderDate,
      orderedAt: optionalCell<string>(first, 'ordered_at') ?? `${orderDate}T00:00:00Z`,
      status: cellValue<OrderRecord['status']>(first, 'status'),
      currency: cellValue<string>(first, 'currency'),
      ...defined({
        customerCode: optionalCell<string>(first, 'customer'),
        totalMinor: optionalCell<number>(first, 'order_total'),
        sourceUpdatedAt: optionalCell<string>(first, 'updated_at'),
      }),
      lines: rows.map((row, i) => line(row, i + 1)),
    };
  },
  cellOf: (path) => cellByFields(path, FIELDS, LINE_FIELDS),
  references: { channel: 'channel', customer: 'customer', sku: 'sku' },
};
