import { type Database, schema } from '@sentia/db';
import { asc, eq, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';
import { assertPasswordPolicy, hashPassword } from '../identity/passwords';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  clerkUserId: string | null;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

const columns = {
  id: schema.users.id,
  email: schema.users.email,
  name: schema.users.name,
  role: schema.users.role,
  disabled: schema.users.disabled,
  clerkUserId: schema.users.clerkUserId,
  lockedUntil: schema.users.lockedUntil,
  lastLoginAt: schema.users.lastLoginAt,
  createdAt: schema.users.createdAt,
};

function toView(row: {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  clerkUserId: string | null;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}): UserView {
  return {
    ...row,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listUsers(db: Database): Promise<UserView[]> {
  return (await db.select(columns).from(schema.users).orderBy(asc(schema.users.email))).map(toView);
}

export async function listRoles(db: Database) {
  return db.select().from(schema.roles).orderBy(asc(schema.roles.name));
}

async function assertRoleExists(db: Database, role: string): Promise<void> {
  const [found] = await db
    .select({ name: schema.roles.name })
    .from(schema.roles)
    .where(eq(schema.roles.name, role));
  if (!found)
    throw new ValidationError(`There is no role "${role}".`, [
      { field: 'body.role', message: 'unknown role' },
    ]);
}

export async function createUser(
  db: Database,
  actor: Actor,
  input: {
    email: string;
    name: string;
    role: string;
    password?: string | undefined;
    clerkUserId?: string | undefined;
  },
): Promise<UserView> {
  const email = input.email.trim().toLowerCase();
  await assertRoleExists(db, input.role);
  if (input.password !== undefined) assertPasswordPolicy(input.password, 'body.password');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.users)
      .values({
        email,
        name: input.name,
        role: input.role,
        passwordHash,
        clerkUserId: input.clerkUserId ?? null,
      })
      .onConflictDoNothing()
      .returning(columns);
    if (!row) throw new ConflictError(`A user with the email ${email} (or that Clerk id) already exists.`);
    await recordAudit(tx, actor, {
      action: 'users.created',
      targetType: 'user',
      targetId: row.id,
      after: { email, name: input.name, role: input.role, clerkUserId: input.clerkUserId ?? null },
    });
    return toView(row);
  });
}

async function updateUser(
  db: Database,
  actor: Actor,
  userId: string,
  change: Partial<{ role: string; disabled: boolean }>,
  action: 'users.role-changed' | 'users.disabled' | 'users.enabled',
): Promise<UserView> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select(columns)
      .from(schema.users)
      .where(eq(schema.users.id, userId))
      .for('update');
    if (!before) throw new NotFoundError('No such user.');
    const [after] = await tx
      .update(schema.users)
      .set({
        ...change,
        updatedAt: sql`now()`,
        ...(change.disabled === false ? { failedLogins: 0, lockedUntil: null } : {}),
      })
      .where(eq(schema.users.id, userId))
      .returning(columns);
    await recordAudit(tx, actor, {
      action,
      targetType: 'user',
      targetId: userId,
      before: { role: before.role, disabled: before.disabled },
      after: { role: after!.role, disabled: after!.disabled },
    });
    if (change.disabled) {
      await tx
        .update(schema.sessions)
        .set({ revokedAt: sql`now()` })
        .where(eq(schema.sessions.userId, userId));
    }
    return toView(after!);
  });
}

export async function setUserRole(
  db: Database,
  actor: Actor,
  userId: string,
  role: string,
): Promise<UserView> {
  await assertRoleExists(db, role);
  return updateUser(db, actor, userId, { role }, 'users.role-changed');
}

/** Disabling ends every session of the user at once; enabling also clears a lockout. */
export async function setUserDisabled(
  db: Database,
  actor: Actor,
  userId: string,
  disabled: boolean,
): Promise<UserView> {
  if (disabled && actor.userId === userId) {
    throw new ValidationError('You cannot disable your own account.', [
      { field: 'params.id', message: 'is you' },
    ]);
  }
  return updateUser(db, actor, userId, { disabled }, disabled ? 'users.disabled' : 'users.enabled');
}

export async function findUserIdByEmail(db: Database, email: string): Promise<string> {
  const [row] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.email, email.trim().toLowerCase()));
  if (!row) throw new NotFoundError(`No user with the email ${email}.`);
  return row.id;
}
