import { type Database, schema } from '@sentia/db';

/** Who did something: a signed-in user, or the system itself (jobs, CLI, start-up). */
export interface Actor {
  userId: string | null;
  label: string;
  ip?: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system' };

export type AuditAction =
  | 'auth.login.succeeded'
  | 'auth.login.failed'
  | 'auth.login.locked'
  | 'auth.logout'
  | 'auth.refresh.reuse-detected'
  | 'auth.session.revoked'
  | 'users.created'
  | 'users.role-changed'
  | 'users.disabled'
  | 'users.enabled'
  | 'users.password-set'
  | 'users.bootstrap-admin'
  | 'settings.changed'
  | 'scenarios.saved'
  | 'feature-flags.changed'
  | 'forecasts.adjusted'
  | 'forecasts.run-requested'
  | 'maintenance.enabled'
  | 'maintenance.disabled'
  | 'data.exported'
  | 'imports.uploaded'
  | 'imports.retried'
  | 'connector-credentials.read'
  | 'connector-credentials.changed'
  | 'purchase-proposals.approved'
  | 'purchase-proposals.rejected'
  | 'purchase-proposals.quantity-changed'
  | 'purchase-proposals.ordered';

export interface AuditEntry {
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one entry to the audit log (the table refuses updates and deletes). Pass the transaction
 * that makes the change, so the change and its record commit together.
 */
export async function recordAudit(
  db: Pick<Database, 'insert'>,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(schema.auditLog).values({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
