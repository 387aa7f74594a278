import { verifyToken } from '@clerk/backend';
import { type Database, schema } from '@sentia/db';
import type { AppConfig } from '../../platform/config/load-config';
import { ForbiddenError, UnauthorizedError } from '../../platform/errors';
import { findEnabledUser, type Principal } from './principal';

export function isClerkEnabled(config: Pick<AppConfig, 'CLERK_SECRET_KEY' | 'CLERK_JWT_KEY'>): boolean {
  return Boolean(config.CLERK_JWT_KEY || config.CLERK_SECRET_KEY);
}

/**
 * Verifies a Clerk session token — offline with the instance's PEM public key (CLERK_JWT_KEY), or
 * through Clerk's JWKS with CLERK_SECRET_KEY — and maps it to the local user linked to that Clerk
 * user. An unknown Clerk user is created with CLERK_AUTO_PROVISION_ROLE when that is set.
 */
export async function authenticateClerkToken(
  db: Database,
  config: Pick<AppConfig, 'CLERK_SECRET_KEY' | 'CLERK_JWT_KEY' | 'CLERK_AUTO_PROVISION_ROLE' | 'APP_URL'>,
  token: string,
): Promise<Principal> {
  let claims: { sub: string; email?: unknown; name?: unknown };
  try {
    claims = (await verifyToken(token, {
      ...(config.CLERK_JWT_KEY ? { jwtKey: config.CLERK_JWT_KEY } : { secretKey: config.CLERK_SECRET_KEY }),
      ...(config.APP_URL ? { authorizedParties: [new URL(config.APP_URL).origin] } : {}),
    })) as typeof claims;
  } catch {
    throw new UnauthorizedError('The Clerk session token is not valid.');
  }
  let user = await findEnabledUser(db, { clerkUserId: claims.sub });
  if (!user && config.CLERK_AUTO_PROVISION_ROLE) {
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : `${claims.sub}@users.clerk`;
    await db
      .insert(schema.users)
      .values({
        email,
        name: typeof claims.name === 'string' ? claims.name : email,
        role: config.CLERK_AUTO_PROVISION_ROLE,
        clerkUserId: claims.sub,
      })
      .onConflictDoNothing();
    user = await findEnabledUser(db, { clerkUserId: claims.sub });
  }
  if (!user)
    throw new ForbiddenError('Your Clerk account is not linked to a user here; ask an administrator.');
  return { ...user, sessionId: null, via: 'clerk' };
}
