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
import type { Logger } from '../logger';
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
}

/**
 * Fastify with schema-first routes (zod), request ids (taken from X-Request-Id when sane), JSON logs,
 * problem+json errors and the OpenAPI document generated from the route schemas at /api/docs.
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
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
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

export type ApiServer = Awaited<ReturnType<typeof createServer>>;

export { handleNotFound };
