import type { Environment, Permission } from '@sentia/domain';
import { isAllowed } from '@sentia/domain';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { ApiServer } from './create-server';
import { isAdminPath, isClientAllowed, parseAllowlist } from './ip-allowlist';

/**
 * Every API route declares who may call it in its config:
 * - a permission (`read:overview`, `admin:users`, …): signed in, and the role grants it
 * - `authenticated`: any signed-in user (their own profile and sessions)
 * - `public`: no sign-in (health, status, sign-in itself)
 * A route without a declaration refuses to register, so none can be forgotten.
 */
export type RouteAccess = Permission | 'authenticated' | 'public';

export interface CallerIdentity {
  userId: string;
  permissions: string[];
  via: 'cookie' | 'bearer' | 'clerk';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    caller: CallerIdentity | null;
  }
  interface FastifyInstance {
    /** Every API route with its access rule, for the authorisation matrix tests and the docs. */
    routeAccess: RouteAccessEntry[];
  }
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

export interface AccessControlOptions<P extends CallerIdentity> {
  environment: Environment;
  authenticate(request: FastifyRequest): Promise<P | null>;
  /** Checked on cookie-authenticated writes (double-submit token). */
  hasValidCsrfToken(request: FastifyRequest): boolean;
  adminIpAllowlist?: string | undefined;
}

/** Paths served by plugins (OpenAPI UI) rather than our routes. */
const PLUGIN_PATHS = /^\/api\/docs(\/|$)/;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAccessControl<P extends CallerIdentity>(
  app: ApiServer,
  options: AccessControlOptions<P>,
): void {
  const allowlist = parseAllowlist(options.adminIpAllowlist);
  app.decorateRequest('caller', null);
  const table: RouteAccessEntry[] = [];
  app.decorate('routeAccess', table);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || PLUGIN_PATHS.test(route.url)) return;
    const access = route.config?.access;
    if (!access)
      throw new Error(`route ${route.method} ${route.url} declares no access rule (config.access)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    if (allowlist && isAdminPath(request.url) && !isClientAllowed(request.ip, allowlist)) {
      throw new ForbiddenError('Admin endpoints are not available from this network.');
    }
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const caller = await options.authenticate(request);
    if (!caller) throw new UnauthorizedError();
    if (
      caller.via === 'cookie' &&
      UNSAFE_METHODS.has(request.method) &&
      !options.hasValidCsrfToken(request)
    ) {
      throw new ForbiddenError(
        'Missing or wrong CSRF token (X-CSRF-Token must echo the sentia_csrf cookie).',
      );
    }
    request.caller = caller;
    if (access !== 'authenticated' && !isAllowed(caller.permissions, access, options.environment)) {
      throw new ForbiddenError(`Your role does not allow ${access}.`);
    }
  });
}

/** The caller of a route that requires sign-in (the hook guarantees one). */
export function callerOf<P extends CallerIdentity>(request: FastifyRequest): P {
  if (!request.caller) throw new UnauthorizedError();
  return request.caller as P;
}
