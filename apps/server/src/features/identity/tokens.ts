import { createHmac, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { UnauthorizedError } from '../../platform/errors';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'sentia';
const AUDIENCE = 'sentia-api';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** A short-lived HS256 access token naming the user and the session it belongs to. */
export async function issueAccessToken(
  claims: AccessClaims,
  secret: string,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(new TextEncoder().encode(secret));
}

export interface VerifiedAccessClaims extends AccessClaims {
  /** The token's `exp`, in milliseconds. */
  expiresAtMs: number;
}

export async function verifyAccessToken(token: string, secret: string): Promise<VerifiedAccessClaims> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number')
      throw new Error('claims missing');
    return { userId: payload.sub, sessionId: payload.sid, expiresAtMs: payload.exp * 1000 };
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new UnauthorizedError('The access token has expired; refresh it.');
    throw new UnauthorizedError('The access token is not valid.');
  }
}

/** Looks like a JWT we issued (three segments) rather than an opaque token. */
export function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}

/** Refresh tokens are opaque random values; only their HMAC (keyed with JWT_REFRESH_SECRET) is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}
