import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';

export const roles = pgTable('roles', {
  name: text('name').primaryKey(),
  description: text('description').notNull(),
  permissions: text('permissions').array().notNull(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  role: text('role')
    .notNull()
    .references(() => roles.name),
  clerkUserId: text('clerk_user_id').unique(),
  disabled: boolean('disabled').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Refresh-token sessions; tokens are stored hashed, rotated on use, revoked by family on reuse. */
export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  familyId: uuid('family_id').notNull(),
  refreshTokenHash: text('refresh_token_hash').notNull().unique(),
  ip: inet('ip'),
  userAgent: text('user_agent'),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** Append-only: a trigger refuses UPDATE and DELETE (see the migration). */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorLabel: text('actor_label').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  ip: inet('ip'),
  requestId: text('request_id'),
  before: jsonb('before'),
  after: jsonb('after'),
});

export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    connector: text('connector').notNull(),
    kind: text('kind', { enum: ['full', 'incremental', 'webhook', 'import', 'demo'] }).notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    recordsRead: integer('records_read').notNull().default(0),
    recordsWritten: integer('records_written').notNull().default(0),
    recordsRejected: integer('records_rejected').notNull().default(0),
    progress: integer('progress'),
    error: text('error'),
    /** Connector syncs: touched while the run makes progress; a stale one was interrupted (crash). */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    /** What started it: `manual`, `schedule`, `webhook`. */
    trigger: text('trigger'),
    requestedBy: uuid('requested_by'),
    /** Per-entity counts, sample rejections and whether it ran against the sandbox. */
    detail: jsonb('detail'),
  },
  (t) => [
    // At most one connector sync runs per connector (demo loads and imports are not limited).
    uniqueIndex('sync_runs_one_active')
      .on(t.connector)
      .where(sql`${t.status} = 'running' and ${t.kind} in ('full', 'incremental')`),
    index('sync_runs_connector_started_idx').on(t.connector, t.startedAt),
  ],
);

export const syncCursors = pgTable(
  'sync_cursors',
  {
    connector: text('connector').notNull(),
    scope: text('scope').notNull(),
    cursor: text('cursor').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: 'sync_cursors_pkey', columns: [t.connector, t.scope] })],
);

/** External payloads as received, for replay and audit (pruned after 30 days by the sync engine). */
export const rawPayloads = pgTable(
  'raw_payloads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    connector: text('connector').notNull(),
    entity: text('entity').notNull(),
    externalId: text('external_id'),
    syncRunId: uuid('sync_run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('raw_payloads_run_idx').on(t.syncRunId),
    index('raw_payloads_connector_received_idx').on(t.connector, t.receivedAt),
  ],
);

export const webhookReceipts = pgTable(
  'webhook_receipts',
  {
    provider: text('provider').notNull(),
    deliveryId: text('delivery_id').notNull(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    status: text('status', { enum: ['received', 'processed', 'failed'] }).notNull(),
    error: text('error'),
  },
  (t) => [primaryKey({ name: 'webhook_receipts_pkey', columns: [t.provider, t.deliveryId] })],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by'),
});

export const featureFlags = pgTable('feature_flags', {
  key: text('key').primaryKey(),
  enabled: boolean('enabled').notNull(),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by'),
});

/** Connector credentials entered in the app, encrypted with AES-256-GCM. */
export const connectorCredentials = pgTable('connector_credentials', {
  connector: text('connector').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by'),
});

/**
 * One row per job execution key: both runners (BullMQ and in-process) record here, so a job
 * with an idempotency key that already succeeded is not run again.
 */
export const jobRuns = pgTable('job_runs', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  name: text('name').notNull(),
  status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  result: jsonb('result'),
  error: text('error'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  filename: text('filename').notNull(),
  checksum: text('checksum').notNull(),
  status: text('status', { enum: ['validating', 'importing', 'succeeded', 'failed'] }).notNull(),
  rowsTotal: integer('rows_total').notNull().default(0),
  rowsImported: integer('rows_imported').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  errors: jsonb('errors').notNull().default([]),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
