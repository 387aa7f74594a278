import { connectPostgres, schema } from '@sentia/db';
import { hashPassword } from '../../../apps/server/src/features/identity/passwords';

export interface SignInAccounts {
  emails: string[];
  password: string;
  /** The next sign-in's number, counted over every load run that uses these accounts. */
  nextUse(): number;
}

/**
 * Viewer accounts for the sign-ins of a load mix. Sign-in is limited per account (10 per 15 min)
 * and per client address (30), as it should be, so a load of many people signing in uses many
 * accounts and many addresses (X-Forwarded-For, as the load balancer sets it), not one of each.
 */
export async function createSignInAccounts(databaseUrl: string, count: number): Promise<SignInAccounts> {
  const password = 'reliability-load-password';
  const passwordHash = await hashPassword(password);
  const emails = Array.from({ length: count }, (_, i) => `load-${i}@sentia.test`);
  const handle = connectPostgres({ url: databaseUrl, poolMax: 1 });
  try {
    await handle.db
      .insert(schema.users)
      .values(emails.map((email, i) => ({ email, name: `Load ${i}`, role: 'viewer', passwordHash })))
      .onConflictDoNothing();
  } finally {
    await handle.close();
  }
  let uses = 0;
  return { emails, password, nextUse: () => uses++ };
}

/** A distinct client address per use (10.0.0.0/8), as different people behind the load balancer. */
export function clientAddress(use: number): string {
  return `10.${(use >> 16) & 255}.${(use >> 8) & 255}.${use & 255}`;
}
