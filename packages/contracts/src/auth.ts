import { z } from 'zod';

/**
 * Sign-in, sessions and "who am I" (`/api/auth/*`). Browsers use cookie mode: the server sets the
 * httpOnly `sentia_access` (path /api) and `sentia_refresh` (path /api/auth) cookies and a readable
 * `sentia_csrf` cookie whose value every cookie-authenticated write echoes in `X-CSRF-Token`.
 */
export const AUTH_COOKIES = { csrf: 'sentia_csrf' } as const;
export const CSRF_HEADER = 'X-CSRF-Token';

export const authUser = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string() });
export type AuthUser = z.infer<typeof authUser>;

/** Returned to API clients that sign in with `"mode":"token"` (never to browsers). */
export const authTokens = z.object({
  accessToken: z.string(),
  accessTokenExpiresIn: z.number().int(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string(),
});
export type AuthTokens = z.infer<typeof authTokens>;

export const signInRequest = z
  .object({
    email: z.string().trim().min(3).max(254),
    password: z.string().min(1).max(1024),
    /** `cookie` (browsers; default) sets httpOnly cookies; `token` returns tokens for API clients. */
    mode: z.enum(['cookie', 'token']).default('cookie'),
  })
  .strict();
export type SignInRequest = z.input<typeof signInRequest>;

export const signInResponse = z.object({ user: authUser, tokens: authTokens.optional() });
export type SignInResponse = z.infer<typeof signInResponse>;

export const refreshRequest = z
  .object({ refreshToken: z.string().min(20).max(200).optional() })
  .strict()
  .optional();

export const authVia = z.enum(['cookie', 'bearer', 'clerk']);

/** `GET /api/auth/me`: the signed-in user, their role's permission grants and how they signed in. */
export const meResponse = authUser.extend({
  permissions: z.array(z.string()),
  via: authVia,
});
export type MeResponse = z.infer<typeof meResponse>;

/** One signed-in device: a session family (its id is what `DELETE /api/auth/sessions/:id` takes). */
export const sessionView = z.object({
  id: z.string(),
  /** The session this request was made with ("this device"). */
  current: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const sessionsResponse = z.object({ sessions: z.array(sessionView) });
export type SessionsResponse = z.infer<typeof sessionsResponse>;

export const sessionParams = z.object({ id: z.uuid() });

export const revokeAllResponse = z.object({ revoked: z.number().int() });
export type RevokeAllResponse = z.infer<typeof revokeAllResponse>;
