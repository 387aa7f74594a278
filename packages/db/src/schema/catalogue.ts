import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, serial, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, currency, money, source, sourceUpdatedAt, updatedAt } from './columns';

export const regions = pgTable('regions', {
  code: text('code').primaryKey(), // UK, EU, US
  name: text('name').notNull(),
  currency: currency().notNull(),
});

export const channels = pgTable('channels', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(), // e.g. amazon-uk, shopify-us, wholesale-eu
  name: text('name').notNull(),
  kind: text('kind', { enum: ['amazon', 'shopify', 'wholesale', 'direct'] }).notNull(),
  regionCode: text('region_code')
    .notNull()
    .references(() => regions.code),
  currency: currency().notNull(),
  /** Days between a sale and the cash arriving (Amazon settles every 14 days, Shopify pays out in days). */
  settlementDays: integer('settlement_days').notNull().default(0),
  source: source(),
  createdAt: createdAt(),
});

export const suppliers = pgTable('suppliers', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  currency: currency().notNull(),
  paymentTermsDays: integer('payment_terms_days').notNull().default(30),
  leadTimeDays: integer('lead_time_days').notNull().default(14),
  source: source(),
  sourceUpdatedAt: sourceUpdatedAt(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    category: text('category'),
    unitCost: money('unit_cost').notNull(),
    costCurrency: currency('cost_currency').notNull(),
    packSize: integer('pack_size').notNull().default(1),
    moq: integer('moq').notNull().default(1),
    leadTimeDays: integer('lead_time_days').notNull().default(14),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    active: boolean('active').notNull().default(true),
    source: source(),
    sourceUpdatedAt: sourceUpdatedAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('products_pack_size_positive', sql`${t.packSize} > 0`),
    check('products_moq_positive', sql`${t.moq} > 0`),
    check('products_unit_cost_non_negative', sql`${t.unitCost} >= 0`),
  ],
);

export const priceLists = pgTable(
  'price_lists',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    currency: currency().notNull(),
    price: money('price').notNull(),
    validFrom: date('valid_from').notNull(),
    source: source(),
  },
  (t) => [unique('price_lists_natural_key').on(t.productId, t.currency, t.validFrom)],
);

export const locations = pgTable('locations', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['warehouse', 'fba', '3pl', 'production'] }).notNull(),
  regionCode: text('region_code')
    .notNull()
    .references(() => regions.code),
  source: source(),
  createdAt: createdAt(),
});

export const customers = pgTable('customers', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  channelId: integer('channel_id').references(() => channels.id),
  paymentTermsDays: integer('payment_terms_days').notNull().default(30),
  source: source(),
  createdAt: createdAt(),
});
