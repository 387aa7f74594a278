import { randomBytes } from 'node:crypto';
import { schema } from '@sentia/db';
import { count } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { SYSTEM_ACTOR } from '../audit/record-audit';
import { createUser } from './manage-users';

export const DEMO_ADMIN_EMAIL = 'admin@sentia.local';

export type BootstrapResult =
  | { kind: 'existing-users' }
  | { kind: 'from-environment'; email: string }
  | { kind: 'generated'; email: string; password: string }
  | { kind: 'none' };

/**
 * On the first start with no users: an admin from ADMIN_EMAIL / ADMIN_PASSWORD when set; in
 * embedded mode otherwise a local admin with a random password, returned so it can be printed once.
 */
export async function ensureFirstAdmin(ctx: Pick<AppContext, 'db' | 'config'>): Promise<BootstrapResult> {
  const [row] = await ctx.db.select({ n: count() }).from(schema.users);
  if ((row?.n ?? 0) > 0) return { kind: 'existing-users' };
  const actor = { ...SYSTEM_ACTOR, label: 'bootstrap' };
  if (ctx.config.ADMIN_EMAIL && ctx.config.ADMIN_PASSWORD) {
    await createUser(ctx.db, actor, {
      email: ctx.config.ADMIN_EMAIL,
      name: 'Administrator',
      role: 'admin',
      password: ctx.config.ADMIN_PASSWORD,
    }).catch(ignoreRaceWithAnotherReplica);
    return { kind: 'from-environment', email: ctx.config.ADMIN_EMAIL.toLowerCase() };
  }
  if (ctx.config.mode !== 'embedded') return { kind: 'none' };
  const password = randomBytes(15).toString('base64url');
  await createUser(ctx.db, actor, {
    email: DEMO_ADMIN_EMAIL,
    name: 'Administrator',
    role: 'admin',
    password,
  });
  return { kind: 'generated', email: DEMO_ADMIN_EMAIL, password };
}

function ignoreRaceWithAnotherReplica(error: unknown): void {
  if (!(error instanceof Error && error.name === 'ConflictError')) throw error;
}
