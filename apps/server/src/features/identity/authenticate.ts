import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { requireSecret } from '../../context';
import { UnauthorizedError } from '../../platform/errors';
import { authenticateClerkToken, isClerkEnabled } from './clerk';
import { COOKIES, readSignedCookie } from './http-session';
import { findEnabledUser, type Principal } from './principal';
import { isSessionActive, touchSession } from './sessions';
import { looksLikeJwt, verifyAccessToken } from './tokens';

/**
 * Who is calling: a Bearer token (ours, or Clerk's when Clerk is configured) or the signed access
 * cookie. Null when the request carries no credentials; UnauthorizedError when it carries bad ones.
 */
export async function authenticateRequest(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    try {
      return await principalFromAccessToken(ctx, token, 'bearer');
    } catch (error) {
      if (isClerkEnabled(ctx.config) && looksLikeJwt(token)) {
        return authenticateClerkToken(ctx.db, ctx.config, token);
      }
      throw error;
    }
  }
  const cookie = readSignedCookie(request, COOKIES.access);
  if (cookie) return principalFromAccessToken(ctx, cookie, 'cookie');
  return null;
}

/**
 * A token verified before is not verified again, and a session looked up within AUTH_CACHE_SECONDS
 * is not read again (principal-cache.ts: revocations and role changes drop entries at once).
 */
async function principalFromAccessToken(
  ctx: AppContext,
  token: string,
  via: 'bearer' | 'cookie',
): Promise<Principal> {
  const { principals } = ctx;
  let claims = principals.claims(token);
  if (!claims) {
    const verified = await verifyAccessToken(
      token,
      requireSecret(ctx.config.JWT_ACCESS_SECRET, 'JWT_ACCESS_SECRET'),
    );
    principals.rememberClaims(token, verified, verified.expiresAtMs);
    claims = verified;
  }
  let user = principals.user(claims);
  if (!user) {
    const generation = principals.begin();
    const [found, active] = await Promise.all([
      findEnabledUser(ctx.db, { userId: claims.userId }),
      isSessionActive(ctx.db, claims.sessionId),
    ]);
    if (!found) throw new UnauthorizedError('This account is disabled or no longer exists.');
    if (!active) throw new UnauthorizedError('This session has ended; sign in again.');
    principals.rememberUser(claims, found, generation);
    user = found;
  }
  // The idle window is 24 h: recording use once a minute per session is plenty.
  if (principals.shouldTouch(claims.sessionId)) void touchSession(ctx.db, claims.sessionId).catch(() => {});
  return { ...user, sessionId: claims.sessionId, via };
}
