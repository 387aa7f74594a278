import {
  meResponse,
  refreshRequest,
  revokeAllResponse,
  sessionParams,
  sessionsResponse,
  signInRequest,
  signInResponse,
} from '@sentia/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { requireSecret } from '../../context';
import { UnauthorizedError } from '../../platform/errors';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import { recordAudit } from '../audit/record-audit';
import { COOKIES, clearSessionCookies, readSignedCookie, setSessionCookies } from './http-session';
import type { Principal } from './principal';
import { announceIdentityChange } from './principal-cache';
import { familyOf, listSessions, revokeSessions, rotateSession } from './sessions';
import { signIn } from './sign-in';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from './tokens';

export function registerIdentityRoutes(app: ApiServer, ctx: AppContext): void {
  const accessSecret = requireSecret(ctx.config.JWT_ACCESS_SECRET, 'JWT_ACCESS_SECRET');
  const refreshSecret = requireSecret(ctx.config.JWT_REFRESH_SECRET, 'JWT_REFRESH_SECRET');
  const noStore = { 'cache-control': 'no-store' };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: signInRequest,
        response: { 200: signInResponse },
      },
    },
    async (request, reply) => {
      const { email, password, mode } = request.body;
      const result = await signIn(ctx, {
        email,
        password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      reply.headers(noStore);
      const tokens = {
        accessToken: result.accessToken,
        refreshToken: result.session.refreshToken,
        expiresAt: result.session.expiresAt,
      };
      if (mode === 'cookie') {
        setSessionCookies(reply, ctx.config, tokens);
        return { user: result.user };
      }
      return { user: result.user, tokens: tokensBody(tokens) };
    },
  );

  app.post(
    '/api/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token (cookie or body) for new tokens; a reused token ends the session',
        body: refreshRequest,
        response: { 200: signInResponse },
      },
    },
    async (request, reply) => {
      const fromBody = request.body?.refreshToken;
      const token = fromBody ?? readSignedCookie(request, COOKIES.refresh);
      if (!token) throw new UnauthorizedError('No refresh token; sign in again.');
      const rotated = await rotateSession(
        ctx.db,
        refreshSecret,
        token,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id },
        // A reused token ended its family: every replica must stop accepting its access tokens.
        { onFamilyRevoked: (userId) => announceIdentityChange(ctx, userId) },
      );
      const accessToken = await issueAccessToken(
        { userId: rotated.userId, sessionId: rotated.sessionId },
        accessSecret,
      );
      const tokens = { accessToken, refreshToken: rotated.refreshToken, expiresAt: rotated.expiresAt };
      reply.headers(noStore);
      const caller = await ctx.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, rotated.userId) });
      const user = {
        id: rotated.userId,
        email: caller?.email ?? '',
        name: caller?.name ?? '',
        role: caller?.role ?? '',
      };
      if (fromBody) return { user, tokens: tokensBody(tokens) };
      setSessionCookies(reply, ctx.config, tokens);
      return { user };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const caller = callerOf<Principal>(request);
      if (caller.sessionId) {
        const family = await familyOf(ctx.db, caller.sessionId);
        if (family) await revokeSessions(ctx.db, actorOf(request, caller), caller.userId, family);
        await announceIdentityChange(ctx, caller.userId);
      }
      await recordAudit(ctx.db, actorOf(request, caller), {
        action: 'auth.logout',
        targetType: 'user',
        targetId: caller.userId,
      });
      clearSessionCookies(reply);
      return reply.code(204).headers(noStore).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their role and permissions',
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const caller = callerOf<Principal>(request);
      reply.headers(noStore);
      return {
        id: caller.userId,
        email: caller.email,
        name: caller.name,
        role: caller.role,
        permissions: caller.permissions,
        via: caller.via,
      };
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'My active sessions',
        response: { 200: sessionsResponse },
      },
    },
    async (request, reply) => {
      const caller = callerOf<Principal>(request);
      reply.headers(noStore);
      return { sessions: await listSessions(ctx.db, caller.userId, caller.sessionId) };
    },
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'End one of my sessions',
        params: sessionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const caller = callerOf<Principal>(request);
      await revokeSessions(ctx.db, actorOf(request, caller), caller.userId, request.params.id);
      await announceIdentityChange(ctx, caller.userId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/sessions/revoke-all',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere',
        response: { 200: revokeAllResponse },
      },
    },
    async (request, reply) => {
      const caller = callerOf<Principal>(request);
      const revoked = await revokeSessions(ctx.db, actorOf(request, caller), caller.userId);
      await announceIdentityChange(ctx, caller.userId);
      clearSessionCookies(reply);
      return { revoked };
    },
  );
}

export function actorOf(request: FastifyRequest, caller: Principal) {
  return { userId: caller.userId, label: caller.email, ip: request.ip, requestId: request.id };
}

function tokensBody(tokens: { accessToken: string; refreshToken: string; expiresAt: Date }) {
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.expiresAt.toISOString(),
  };
}
