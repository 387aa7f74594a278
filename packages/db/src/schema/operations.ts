import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { locations, products, suppliers } from './catalogue';
import { createdAt, currency, money, source, sourceUpdatedAt, updatedAt } from './columns';

/** Stock per SKU and location as of a date (one row per day a level is known). */
export const stockLevels = pgTable(
  'stock_levels',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id),
    asOf: date('as_of').notNull(),
    onHand: integer('on_hand').notNull(),
    allocated: integer('allocated').notNull().default(0),
    inbound: integer('inbound').notNull().default(0),
    source: source(),
    sourceUpdatedAt: sourceUpdatedAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('stock_levels_natural_key').on(t.productId, t.locationId, t.asOf),
    index('stock_levels_as_of_idx').on(t.asOf),
  ],
);

export const productionLines = pgTable('production_lines', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['infusion', 'bottling', 'contract'] }).notNull(),
  /** Units the line can produce per day. */
  capacityPerDay: integer('capacity_per_day').notNull(),
  leadTimeDays: integer('lead_time_days').notNull().default(0),
  source: source(),
  createdAt: createdAt(),
});

export const productionBatches = pgTable(
  'production_batches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: source(),
    externalId: text('external_id').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    lineId: integer('line_id').references(() => productionLines.id),
    quantity: integer('quantity').notNull(),
    plannedStart: date('planned_start').notNull(),
    plannedEnd: date('planned_end').notNull(),
    actualStart: date('actual_start'),
    actualEnd: date('actual_end'),
    status: text('status', { enum: ['planned', 'in_progress', 'completed', 'cancelled'] }).notNull(),
    sourceUpdatedAt: sourceUpdatedAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('production_batches_natural_key').on(t.source, t.externalId),
    check('production_batches_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: source(),
    externalId: text('external_id').notNull(),
    supplierId: integer('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    orderDate: date('order_date').notNull(),
    expectedDate: date('expected_date'),
    receivedDate: date('received_date'),
    status: text('status', { enum: ['draft', 'placed', 'received', 'cancelled'] }).notNull(),
    currency: currency().notNull(),
    total: money('total').notNull(),
    sourceUpdatedAt: sourceUpdatedAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('purchase_orders_natural_key').on(t.source, t.externalId)],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    purchaseOrderId: bigint('purchase_order_id', { mode: 'number' })
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: 'cascade' }),
    lineKey: text('line_key').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    receivedQuantity: integer('received_quantity').notNull().default(0),
    unitCost: money('unit_cost').notNull(),
    currency: currency().notNull(),
  },
  (t) => [unique('purchase_order_lines_natural_key').on(t.purchaseOrderId, t.lineKey)],
);
