import { type Database, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { requireSecret } from '../../context';
import { LockedError, RateLimitedError, UnauthorizedError } from '../../platform/errors';
import { recordAudit } from '../audit/record-audit';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { createSession, type IssuedSession } from './sessions';
import { issueAccessToken } from './tokens';

/** Failed sign-ins in a row before an account is locked, and for how long. */
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_SECONDS = 15 * 60;
/** Attempts allowed per window, per client address and per account, shared across replicas. */
export const SIGN_IN_LIMITS = { perIp: 30, perAccount: 10, windowSeconds: 15 * 60 };

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface SignedIn {
  user: { id: string; email: string; name: string; role: string };
  accessToken: string;
  session: IssuedSession;
}

const WRONG_CREDENTIALS = 'The email or password is incorrect.';

export async function signIn(
  ctx: Pick<AppContext, 'db' | 'config' | 'rateLimiter'>,
  input: SignInInput,
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const actor = { userId: null, label: email, ip: input.ip, requestId: input.requestId };
  for (const [key, limit] of [
    [`sign-in:ip:${input.ip}`, SIGN_IN_LIMITS.perIp],
    [`sign-in:account:${email}`, SIGN_IN_LIMITS.perAccount],
  ] as const) {
    const result = await ctx.rateLimiter.hit(key, limit, SIGN_IN_LIMITS.windowSeconds);
    if (!result.allowed) {
      throw new RateLimitedError(
        `Too many sign-in attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
        result.retryAfterSeconds,
      );
    }
  }

  const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.email, email));
  if (!user || user.disabled || !user.passwordHash) {
    await verifyAgainstNothing(input.password);
    await recordAudit(ctx.db, actor, {
      action: 'auth.login.failed',
      after: { reason: user ? 'disabled' : 'unknown' },
    });
    throw new UnauthorizedError(WRONG_CREDENTIALS);
  }
  const lockedFor = user.lockedUntil ? Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000) : 0;
  if (lockedFor > 0) {
    await recordAudit(
      ctx.db,
      { ...actor, userId: user.id },
      { action: 'auth.login.failed', after: { reason: 'locked' } },
    );
    throw lockedError(user.lockedUntil!, lockedFor);
  }

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await registerFailure(ctx.db, user.id, { ...actor, userId: user.id });
    throw new UnauthorizedError(WRONG_CREDENTIALS);
  }

  const refreshSecret = requireSecret(ctx.config.JWT_REFRESH_SECRET, 'JWT_REFRESH_SECRET');
  const session = await ctx.db.transaction(async (tx) => {
    await tx
      .update(schema.users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: sql`now()` })
      .where(eq(schema.users.id, user.id));
    await recordAudit(
      tx,
      { ...actor, userId: user.id },
      { action: 'auth.login.succeeded', targetType: 'user', targetId: user.id },
    );
    return createSession(tx as unknown as Database, refreshSecret, user.id, {
      ip: input.ip,
      userAgent: input.userAgent,
    });
  });
  const accessToken = await issueAccessToken(
    { userId: user.id, sessionId: session.sessionId },
    requireSecret(ctx.config.JWT_ACCESS_SECRET, 'JWT_ACCESS_SECRET'),
  );
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, accessToken, session };
}

/** Counts a failure; the fifth in a row locks the account for 15 minutes. Atomic across replicas. */
async function registerFailure(
  db: Database,
  userId: string,
  actor: { userId: string; label: string; ip: string; requestId: string },
): Promise<void> {
  const [row] = await db
    .update(schema.users)
    .set({
      // A lock that has run out starts the count afresh.
      failedLogins: sql`case when ${schema.users.lockedUntil} <= now() then 1 else ${schema.users.failedLogins} + 1 end`,
      lockedUntil: sql`case
        when ${schema.users.lockedUntil} <= now() then null
        when ${schema.users.failedLogins} + 1 >= ${LOCKOUT_AFTER_FAILURES}
          then now() + make_interval(secs => ${LOCKOUT_SECONDS})
        else ${schema.users.lockedUntil} end`,
    })
    .where(eq(schema.users.id, userId))
    .returning({ failures: schema.users.failedLogins, lockedUntil: schema.users.lockedUntil });
  const locked = row?.lockedUntil && row.lockedUntil.getTime() > Date.now();
  await recordAudit(db, actor, {
    action: locked ? 'auth.login.locked' : 'auth.login.failed',
    targetType: 'user',
    targetId: userId,
    after: { reason: 'wrong password', consecutiveFailures: row?.failures },
  });
  if (locked) throw lockedError(row.lockedUntil!, LOCKOUT_SECONDS);
}

function lockedError(until: Date, retryAfterSeconds: number): LockedError {
  const time = until.toISOString().slice(11, 16);
  return new LockedError(
    `This account is locked after ${LOCKOUT_AFTER_FAILURES} failed sign-ins. Try again after ${time} UTC, or ask an administrator to unlock it.`,
    retryAfterSeconds,
  );
}
