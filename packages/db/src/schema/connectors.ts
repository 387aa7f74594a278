import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns';

/**
 * What the sync engine knows about each connector beyond its runs: whether it points at the local
 * simulator (a sandbox connection serving the demo business), how often it has failed in a row
 * (three in a row marks it degraded, shown on /api/status), and a sync someone asked for that no
 * worker has started yet.
 */
export const connectorStates = pgTable('connector_states', {
  connector: text('connector').primaryKey(),
  sandbox: boolean('sandbox').notNull().default(false),
  /** The demo data set the sandbox serves (seed and period), fixed when the sandbox is switched on. */
  sandboxDataset: jsonb('sandbox_dataset'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  degradedSince: timestamp('degraded_since', { withTimezone: true }),
  lastError: text('last_error'),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  /** A "sync now" waiting for a worker: the run it will become. */
  pendingRunId: uuid('pending_run_id'),
  pendingRequestedAt: timestamp('pending_requested_at', { withTimezone: true }),
  pendingRequestedBy: uuid('pending_requested_by'),
  updatedAt: updatedAt(),
});
