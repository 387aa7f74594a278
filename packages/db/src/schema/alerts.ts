import { sql } from 'drizzle-orm';
import { doublePrecision, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * In-product alerts (the spec's five rules evaluated inside every process): one row per firing, kept
 * after it resolves for the recent-alerts list. At most one open row per rule and instance (the
 * partial unique index), so when several replicas see the same condition only the one whose insert
 * wins sends the notification.
 */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The process it concerns (`web@host:pid`), or `cluster` for shared state such as the queues. */
    instance: text('instance').notNull(),
    severity: text('severity', { enum: ['critical', 'warning'] }).notNull(),
    summary: text('summary').notNull(),
    description: text('description').notNull(),
    value: doublePrecision('value').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    /** When the condition began to hold; the alert fires after the rule's duration. */
    activeSince: timestamp('active_since', { withTimezone: true }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull().defaultNow(),
    /** Refreshed on every evaluation that still sees the condition; stale open alerts are resolved. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alert_events_open_key').on(t.name, t.instance).where(sql`resolved_at is null`),
    index('alert_events_fired_at_idx').on(t.firedAt),
  ],
);
