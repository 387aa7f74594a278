import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { locations, products, suppliers } from './catalogue';
import { createdAt, currency, money, updatedAt } from './columns';
import { users } from './platform';

/** One forecasting run over a set of series (statistical forecasts; adjustments are kept apart). */
export const forecastRuns = pgTable(
  'forecast_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    granularity: text('granularity', { enum: ['week', 'month'] }).notNull(),
    horizon: integer('horizon').notNull(),
    method: text('method').notNull(),
    params: jsonb('params').notNull().default({}),
    dataVersion: text('data_version'),
    seriesCount: integer('series_count').notNull().default(0),
    error: text('error'),
    /** What started it: a change of sales data, the nightly schedule, or a person. */
    trigger: text('trigger', { enum: ['data-changed', 'schedule', 'manual'] })
      .notNull()
      .default('data-changed'),
    /** How the levels were made to add up (see forecasting-hierarchy/reconcile.ts). */
    reconciliation: text('reconciliation', { enum: ['bottom-up', 'mint-wls'] })
      .notNull()
      .default('bottom-up'),
    /** First and last period of the history the models were fitted on. */
    historyStart: date('history_start'),
    historyEnd: date('history_end'),
    durationMs: integer('duration_ms'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('forecast_runs_latest_idx').on(t.granularity, t.status, t.finishedAt)],
);

/**
 * A series is named by its level and keys, e.g. `sku=GIN-70CL|channel=amazon-uk|region=UK`
 * or `company` for the total.
 */
export const forecastSeries = pgTable(
  'forecast_series',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => forecastRuns.id, { onDelete: 'cascade' }),
    seriesKey: text('series_key').notNull(),
    level: text('level', {
      enum: ['company', 'region', 'channel', 'sku', 'sku-region', 'sku-channel'],
    })
      .notNull()
      .default('sku-channel'),
    method: text('method').notNull(),
    /** The fitted model, e.g. "mean(ETS(M,Ad,N), Theta)" or "SBA". */
    model: text('model').notNull().default(''),
    demandClass: text('demand_class'),
    params: jsonb('params').notNull().default({}),
    /** Backtest accuracy: sMAPE, MASE, bias, interval coverage. */
    accuracy: jsonb('accuracy').notNull().default({}),
    /** Units per period of the history the model saw, from the run's history_start. */
    history: jsonb('history').notNull().default([]),
  },
  (t) => [unique('forecast_series_natural_key').on(t.runId, t.seriesKey)],
);

export const forecastValues = pgTable(
  'forecast_values',
  {
    seriesId: integer('series_id')
      .notNull()
      .references(() => forecastSeries.id, { onDelete: 'cascade' }),
    periodStart: date('period_start').notNull(),
    /** Reconciled statistical forecast (adds up across levels). */
    point: doublePrecision('point').notNull(),
    /** The series' own model forecast before reconciliation. */
    basePoint: doublePrecision('base_point'),
    /** Multiplicative seasonal index of the period (what the seasonality-strength adjustment scales). */
    seasonalIndex: doublePrecision('seasonal_index').notNull().default(1),
    lo80: doublePrecision('lo80').notNull(),
    hi80: doublePrecision('hi80').notNull(),
    lo95: doublePrecision('lo95').notNull(),
    hi95: doublePrecision('hi95').notNull(),
  },
  (t) => [primaryKey({ name: 'forecast_values_pkey', columns: [t.seriesId, t.periodStart] })],
);

/** Planner adjustments, versioned per series; the statistical forecast is never overwritten. */
export const forecastAdjustments = pgTable(
  'forecast_adjustments',
  {
    id: serial('id').primaryKey(),
    seriesKey: text('series_key').notNull(),
    granularity: text('granularity', { enum: ['week', 'month'] }).notNull(),
    version: integer('version').notNull(),
    adjustments: jsonb('adjustments').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique('forecast_adjustments_version').on(t.seriesKey, t.granularity, t.version)],
);

/**
 * Inventory policy per SKU × location, and per SKU network-wide (location null: the policy purchasing and
 * production plan against). `details` keeps the forecast and inputs so policies can be derived again when
 * a setting changes without forecasting again; the columns hold the figures at the saved settings.
 */
export const inventoryPolicies = pgTable(
  'inventory_policies',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    /** Null: all locations (the network-wide policy). */
    locationId: integer('location_id').references(() => locations.id),
    abcClass: text('abc_class', { enum: ['A', 'B', 'C'] }).notNull(),
    xyzClass: text('xyz_class', { enum: ['X', 'Y', 'Z'] }).notNull(),
    serviceLevel: real('service_level').notNull(),
    /** Per week. */
    demandMean: doublePrecision('demand_mean').notNull(),
    demandStdDev: doublePrecision('demand_std_dev').notNull(),
    leadTimeMeanDays: doublePrecision('lead_time_mean_days').notNull(),
    leadTimeStdDevDays: doublePrecision('lead_time_std_dev_days').notNull(),
    safetyStock: doublePrecision('safety_stock').notNull(),
    reorderPoint: doublePrecision('reorder_point').notNull(),
    /** Null when holding stock costs nothing (no finite optimum). */
    economicOrderQuantity: doublePrecision('economic_order_quantity'),
    details: jsonb('details').notNull().default({}),
    /** Date of the stock figures the policy starts from. */
    asOf: date('as_of'),
    /** Fingerprint of the data the forecast was computed from. */
    dataVersion: text('data_version'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('inventory_policies_natural_key').on(t.productId, t.locationId).nullsNotDistinct()],
);

/**
 * Purchase proposals from the plan, and their approval: proposed → approved | rejected; approved →
 * ordered once placed (CSV export today, the Unleashed connector later). Amounts in the goods' cost
 * currency, with the GBP value approval limits are checked against.
 */
export const purchaseProposals = pgTable(
  'purchase_proposals',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    /** Where the goods should be delivered. */
    locationId: integer('location_id').references(() => locations.id),
    quantity: integer('quantity').notNull(),
    /** What the plan proposed before any edit. */
    proposedQuantity: integer('proposed_quantity'),
    unitCost: money('unit_cost'),
    amount: money('amount').notNull(),
    currency: currency().notNull(),
    amountGbp: money('amount_gbp'),
    reason: text('reason').notNull(),
    /** Reasons as data, the position it was netted against and the policy behind it. */
    details: jsonb('details').notNull().default({}),
    needBy: date('need_by'),
    expectedDelivery: date('expected_delivery'),
    status: text('status', { enum: ['proposed', 'approved', 'rejected', 'ordered'] }).notNull(),
    requiredApprover: text('required_approver').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** The purchase order number in the system it was placed in. */
    externalRef: text('external_ref'),
    orderedAt: timestamp('ordered_at', { withTimezone: true }),
    dataVersion: text('data_version'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('purchase_proposals_status_idx').on(t.status),
    // One open proposal per SKU: the plan updates it rather than adding another.
    uniqueIndex('purchase_proposals_open_product').on(t.productId).where(sql`status = 'proposed'`),
  ],
);

export const workingCapitalSnapshots = pgTable('working_capital_snapshots', {
  month: date('month').primaryKey(),
  metrics: jsonb('metrics').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const scenarios = pgTable('scenarios', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['base', 'optimistic', 'pessimistic', 'stress', 'custom'] }).notNull(),
  adjustments: jsonb('adjustments').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});
