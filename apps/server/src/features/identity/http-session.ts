import { randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../platform/config/load-config';
import { ACCESS_TOKEN_TTL_SECONDS } from './tokens';

/** Cookie names. The access and refresh cookies are httpOnly and signed with SESSION_SECRET. */
export const COOKIES = {
  access: 'sentia_access',
  refresh: 'sentia_refresh',
  /** Readable by the page, echoed in X-CSRF-Token on writes (double submit). */
  csrf: 'sentia_csrf',
} as const;
export const CSRF_HEADER = 'x-csrf-token';

function secureCookies(config: Pick<AppConfig, 'NODE_ENV' | 'APP_URL'>): boolean {
  return config.NODE_ENV === 'production' || Boolean(config.APP_URL?.startsWith('https:'));
}

export function setSessionCookies(
  reply: FastifyReply,
  config: Pick<AppConfig, 'NODE_ENV' | 'APP_URL'>,
  tokens: { accessToken: string; refreshToken: string; expiresAt: Date },
): void {
  const secure = secureCookies(config);
  const refreshMaxAge = Math.max(1, Math.floor((tokens.expiresAt.getTime() - Date.now()) / 1000));
  reply
    .setCookie(COOKIES.access, tokens.accessToken, {
      httpOnly: true,
      secure,
      sameSite: 'strict',
      path: '/api',
      signed: true,
      maxAge: ACCESS_TOKEN_TTL_SECONDS,
    })
    .setCookie(COOKIES.refresh, tokens.refreshToken, {
      httpOnly: true,
      secure,
      sameSite: 'strict',
      path: '/api/auth',
      signed: true,
      maxAge: refreshMaxAge,
    })
    .setCookie(COOKIES.csrf, randomBytes(24).toString('base64url'), {
      httpOnly: false,
      secure,
      sameSite: 'strict',
      path: '/',
      maxAge: refreshMaxAge,
    });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply
    .clearCookie(COOKIES.access, { path: '/api' })
    .clearCookie(COOKIES.refresh, { path: '/api/auth' })
    .clearCookie(COOKIES.csrf, { path: '/' });
}

/** The value of a signed cookie, or undefined when absent or tampered with. */
export function readSignedCookie(request: FastifyRequest, name: string): string | undefined {
  const raw = request.cookies[name];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** Double-submit check for cookie-authenticated writes. */
export function hasValidCsrfToken(request: FastifyRequest): boolean {
  const cookie = request.cookies[COOKIES.csrf];
  const header = request.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string' || cookie.length !== header.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
}
