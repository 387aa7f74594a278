import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { channels, customers, products } from './catalogue';
import { createdAt, currency, money, source, sourceUpdatedAt, updatedAt } from './columns';

export const orders = pgTable(
  'orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: source(),
    externalId: text('external_id').notNull(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    customerId: integer('customer_id').references(() => customers.id),
    orderDate: date('order_date').notNull(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] }).notNull(),
    currency: currency().notNull(),
    total: money('total').notNull(),
    sourceUpdatedAt: sourceUpdatedAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('orders_natural_key').on(t.source, t.externalId),
    index('orders_order_date_idx').on(t.orderDate),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineKey: text('line_key').notNull(), // the source's line id, or the line number
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    unitPrice: money('unit_price').notNull(),
    discount: money('discount').notNull().default(0),
    /** quantity × unit price − discount, excluding tax: what revenue is measured on. */
    netAmount: money('net_amount').notNull(),
    currency: currency().notNull(),
  },
  (t) => [
    unique('order_lines_natural_key').on(t.orderId, t.lineKey),
    index('order_lines_product_idx').on(t.productId),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: source(),
    externalId: text('external_id').notNull(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }).notNull(),
    amount: money('amount').notNull(),
    currency: currency().notNull(),
    reason: text('reason'),
  },
  (t) => [unique('refunds_natural_key').on(t.source, t.externalId)],
);

/**
 * Daily sales per SKU × channel, converted to GBP at that day's rate. Rebuilt by the
 * `analytics.refresh-sales-daily` job from orders; dashboards and forecasts read it.
 */
export const salesDaily = pgTable(
  'sales_daily',
  {
    day: date('day').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    units: integer('units').notNull(),
    orders: integer('orders').notNull(),
    revenueGbp: money('revenue_gbp').notNull(),
    cogsGbp: money('cogs_gbp').notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'sales_daily_pkey', columns: [t.day, t.productId, t.channelId] }),
    index('sales_daily_day_idx').on(t.day),
  ],
);
