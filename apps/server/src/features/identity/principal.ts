import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

/** The signed-in user as every route and use case sees them. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: string;
  permissions: string[];
  /** The session behind a local sign-in; null for Clerk tokens. */
  sessionId: string | null;
  via: 'cookie' | 'bearer' | 'clerk';
}

interface PrincipalRow {
  user_id: string;
  email: string;
  name: string;
  role: string;
  permissions: string[];
  disabled: boolean;
}

/** The user with their role's permissions, or null when unknown or disabled. */
export async function findEnabledUser(
  db: Database,
  where: { userId: string } | { clerkUserId: string },
): Promise<Omit<Principal, 'sessionId' | 'via'> | null> {
  const condition =
    'userId' in where ? sql`u.id = ${where.userId}` : sql`u.clerk_user_id = ${where.clerkUserId}`;
  const [row] = await queryRows<PrincipalRow>(
    db,
    sql`select u.id as user_id, u.email, u.name, u.role, r.permissions, u.disabled
        from users u join roles r on r.name = u.role
        where ${condition}`,
  );
  if (!row || row.disabled) return null;
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    permissions: row.permissions,
  };
}
