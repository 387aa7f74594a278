import { type Database, schema } from '@sentia/db';
import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';

export interface AuditFilters {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  targetId?: string | undefined;
  /** Entries older than this id (keyset pagination, newest first). */
  before?: number | undefined;
  limit: number;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actorUserId: string | null;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
}

export async function queryAuditLog(db: Database, filters: AuditFilters): Promise<AuditEntryView[]> {
  const t = schema.auditLog;
  const conditions: (SQL | undefined)[] = [
    filters.from ? gte(t.at, new Date(`${filters.from}T00:00:00Z`)) : undefined,
    filters.to ? lte(t.at, new Date(`${filters.to}T23:59:59.999Z`)) : undefined,
    filters.actor ? eq(t.actorLabel, filters.actor.toLowerCase()) : undefined,
    filters.action ? like(t.action, `${filters.action.replace(/[%_]/g, '')}%`) : undefined,
    filters.targetId ? eq(t.targetId, filters.targetId) : undefined,
    filters.before ? lt(t.id, filters.before) : undefined,
  ];
  const rows = await db
    .select()
    .from(t)
    .where(and(...conditions))
    .orderBy(desc(t.id))
    .limit(filters.limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actor: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    ip: r.ip,
    requestId: r.requestId,
    before: r.before,
    after: r.after,
  }));
}
