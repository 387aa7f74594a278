import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { ValidationError } from '../errors';
import type { Logger } from '../logger';
import { applyCachePolicy } from './http-cache';
import { handleError, handleNotFound } from './problem';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

export interface ServerOptions {
  logger: Logger;
  version: string;
  bodyLimitBytes?: number;
  /** Set behind Railway's / Cloudflare's proxy so client IPs and protocol come from X-Forwarded-*. */
  trustProxy?: boolean | string;
  /** Signs cookies (SESSION_SECRET). */
  cookieSecret: string;
  /** Browser cache lifetime of cacheable API reads (REDIS_CACHE_TTL); see http-cache.ts. */
  apiCacheMaxAgeSeconds?: number;
}

/**
 * Fastify with schema-first routes (zod), request ids (taken from X-Request-Id when sane), JSON logs,
 * problem+json errors, API cache headers with ETag/304 (http-cache.ts) and the OpenAPI document
 * generated from the route schemas at /api/docs.
 */
export async function createServer(options: ServerOptions) {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: options.trustProxy ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
    // Router-level refusals (malformed URL, over-long path parameter) answer problem+json too.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // Hooks on every request take a callback rather than returning a promise: one allocation and
  // microtask fewer each, which shows on cached reads (docs/operations.md, bench:api).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // PostgreSQL text cannot hold NUL; refuse it at the door instead of failing deep in a query.
  app.addHook('preValidation', (request, _reply, done) => {
    if (containsNul(request.url) || containsNul(request.body)) {
      done(
        new ValidationError('The request contains a NUL character, which no field accepts.', [
          {
            field: containsNul(request.url) ? 'querystring' : 'body',
            message: 'must not contain NUL (\\u0000)',
          },
        ]),
      );
      return;
    }
    done();
  });
  const maxAge = options.apiCacheMaxAgeSeconds ?? 300;
  app.addHook('onSend', (request, reply, payload, done) => {
    done(null, applyCachePolicy(request, reply, payload, maxAge));
  });

  await app.register(fastifyCookie, { secret: options.cookieSecret });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Sentia Manufacturing Dashboard API',
        version: options.version,
        description: 'Errors are application/problem+json (RFC 9457).',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  return app;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || /%00/i.test(value);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  return JSON.stringify(value).includes('\\u0000');
}

export type ApiServer = Awaited<ReturnType<typeof createServer>>;

export { handleNotFound };
