import { randomUUID } from 'node:crypto';
import { type Database, queryRows, schema } from '@sentia/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { UnauthorizedError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';
import { hashRefreshToken, newRefreshToken } from './tokens';

/** A session ends after 24 h without use (the spec's session lifetime), and after 30 days at most. */
export const SESSION_IDLE_SECONDS = 24 * 3600;
export const SESSION_MAX_SECONDS = 30 * 24 * 3600;

export interface IssuedSession {
  sessionId: string;
  familyId: string;
  refreshToken: string;
  expiresAt: Date;
}

interface SessionOrigin {
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(
  db: Database,
  refreshSecret: string,
  userId: string,
  origin: SessionOrigin,
  familyId: string = randomUUID(),
): Promise<IssuedSession> {
  const refreshToken = newRefreshToken();
  const expiresAt = new Date(Date.now() + SESSION_IDLE_SECONDS * 1000);
  const [row] = await db
    .insert(schema.sessions)
    .values({
      userId,
      familyId,
      refreshTokenHash: hashRefreshToken(refreshToken, refreshSecret),
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
      expiresAt,
    })
    .returning({ id: schema.sessions.id });
  return { sessionId: row!.id, familyId, refreshToken, expiresAt };
}

/**
 * Exchanges a refresh token for a new one in the same family. A token that was already exchanged
 * means it leaked (or was replayed): the whole family is revoked and the caller must sign in again.
 */
export async function rotateSession(
  db: Database,
  refreshSecret: string,
  refreshToken: string,
  origin: SessionOrigin & { requestId: string | null },
  hooks: { onFamilyRevoked?: (userId: string) => Promise<void> } = {},
): Promise<IssuedSession & { userId: string }> {
  const hash = hashRefreshToken(refreshToken, refreshSecret);
  const outcome = await db.transaction(async (tx) => {
    const [session] = await tx
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.refreshTokenHash, hash))
      .for('update');
    if (!session) return { kind: 'unknown' as const };
    if (session.revokedAt) return { kind: 'ended' as const };
    if (session.rotatedAt) return { kind: 'reused' as const, session };
    const familyStart = await familyStartedAt(tx as unknown as Database, session.familyId);
    if (session.expiresAt.getTime() <= Date.now() || familyStart + SESSION_MAX_SECONDS * 1000 <= Date.now()) {
      return { kind: 'expired' as const };
    }
    await tx.update(schema.sessions).set({ rotatedAt: sql`now()` }).where(eq(schema.sessions.id, session.id));
    const next = await createSession(
      tx as unknown as Database,
      refreshSecret,
      session.userId,
      origin,
      session.familyId,
    );
    return { kind: 'rotated' as const, next: { ...next, userId: session.userId } };
  });
  switch (outcome.kind) {
    case 'rotated':
      return outcome.next;
    case 'reused': {
      // Committed on its own: the revocation must stand although this request fails.
      const { session } = outcome;
      await db.transaction(async (tx) => {
        await tx
          .update(schema.sessions)
          .set({ revokedAt: sql`now()` })
          .where(and(eq(schema.sessions.familyId, session.familyId), isNull(schema.sessions.revokedAt)));
        await recordAudit(
          tx,
          { userId: session.userId, label: 'session', ip: origin.ip, requestId: origin.requestId },
          { action: 'auth.refresh.reuse-detected', targetType: 'session-family', targetId: session.familyId },
        );
      });
      await hooks.onFamilyRevoked?.(session.userId);
      throw new UnauthorizedError(
        'This refresh token was already used; the session has been ended. Sign in again.',
      );
    }
    case 'expired':
      throw new UnauthorizedError('The session has expired; sign in again.');
    case 'ended':
      throw new UnauthorizedError('This session has ended; sign in again.');
    default:
      throw new UnauthorizedError('The refresh token is not valid; sign in again.');
  }
}

async function familyStartedAt(db: Database, familyId: string): Promise<number> {
  const [row] = await queryRows<{ started: string }>(
    db,
    sql`select min(created_at)::text as started from sessions where family_id = ${familyId}`,
  );
  return Date.parse(row?.started ?? new Date().toISOString());
}

/** Whether an access token's session is still live (not revoked, rotated-away, or expired). */
export async function isSessionActive(db: Database, sessionId: string): Promise<boolean> {
  const [row] = await queryRows<{ active: boolean }>(
    db,
    sql`select (s.revoked_at is null and s.expires_at > now()
               and not exists (select 1 from sessions f where f.family_id = s.family_id and f.revoked_at is not null)) as active
        from sessions s where s.id = ${sessionId}`,
  );
  return Boolean(row?.active);
}

/** Marks the session used (sliding 24 h idle window); authentication calls it at most once a minute per session. */
export async function touchSession(db: Database, sessionId: string): Promise<void> {
  await db
    .update(schema.sessions)
    .set({ lastUsedAt: sql`now()`, expiresAt: sql`greatest(expires_at, now() + interval '24 hours')` })
    .where(and(eq(schema.sessions.id, sessionId), sql`last_used_at < now() - interval '1 minute'`));
}

export interface SessionSummary {
  id: string;
  current: boolean;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** The user's live sessions: the newest token of each family that is not revoked or expired. */
export async function listSessions(
  db: Database,
  userId: string,
  currentSessionId: string | null,
): Promise<SessionSummary[]> {
  const rows = await queryRows<{
    family_id: string;
    id: string;
    started: string;
    last_used_at: string;
    expires_at: string;
    ip: string | null;
    user_agent: string | null;
  }>(
    db,
    sql`select s.family_id, s.id, f.started, s.last_used_at::text, s.expires_at::text, host(s.ip) as ip, s.user_agent
        from sessions s
        join (select family_id, min(created_at)::text as started, bool_or(revoked_at is not null) as revoked
              from sessions where user_id = ${userId} group by family_id) f on f.family_id = s.family_id
        where s.user_id = ${userId} and s.rotated_at is null and s.revoked_at is null
          and s.expires_at > now() and not f.revoked
        order by s.last_used_at desc`,
  );
  const currentFamily = currentSessionId
    ? (
        await queryRows<{ family_id: string }>(
          db,
          sql`select family_id from sessions where id = ${currentSessionId}`,
        )
      )[0]?.family_id
    : undefined;
  return rows.map((r) => ({
    id: r.family_id,
    current: r.family_id === currentFamily,
    createdAt: new Date(r.started).toISOString(),
    lastUsedAt: new Date(r.last_used_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}

/** Ends a session family (`familyId`), or every session of the user when omitted. */
export async function revokeSessions(
  db: Database,
  actor: Actor,
  userId: string,
  familyId?: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(schema.sessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(schema.sessions.userId, userId),
          isNull(schema.sessions.revokedAt),
          familyId ? eq(schema.sessions.familyId, familyId) : undefined,
        ),
      )
      .returning({ id: schema.sessions.id });
    await recordAudit(tx, actor, {
      action: 'auth.session.revoked',
      targetType: familyId ? 'session-family' : 'user-sessions',
      targetId: familyId ?? userId,
    });
    return revoked.length;
  });
}

/** The family a session belongs to (for logout of the current session). */
export async function familyOf(db: Database, sessionId: string): Promise<string | null> {
  const [row] = await db
    .select({ familyId: schema.sessions.familyId })
    .from(schema.sessions)
    .where(eq(schema.sessions.id, sessionId));
  return row?.familyId ?? null;
}
