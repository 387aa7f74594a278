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

async function principalFromAccessToken(
  ctx: AppContext,
  token: string,
  via: 'bearer' | 'cookie',
): Promise<Principal> {
  const claims = await verifyAccessToken(
    token,
    requireSecret(ctx.config.JWT_ACCESS_SECRET, 'JWT_ACCESS_SECRET'),
  );
  const [user, active] = await Promise.all([
    findEnabledUser(ctx.db, { userId: claims.userId }),
    isSessionActive(ctx.db, claims.sessionId),
  ]);
  if (!user) throw new UnauthorizedError('This account is disabled or no longer exists.');
  if (!active) throw new UnauthorizedError('This session has ended; sign in again.');
  void touchSession(ctx.db, claims.sessionId).catch(() => {});
  return { ...user, sessionId: claims.sessionId, via };
}
