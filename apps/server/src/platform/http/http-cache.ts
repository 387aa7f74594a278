import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: never cacheable, even for a permission-guarded GET (streams, one-off tokens). */
    httpCache?: boolean;
  }
}

const SENSITIVE = /^\/api\/(auth|admin)(\/|$)/;

/** A strong validator from the body: the same bytes give the same ETag on every replica. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Cache headers for API responses, decided in one place (the onSend hook of the server):
 * - `/api/auth/*` and `/api/admin/*`: `no-store`, always.
 * - a successful GET of a permission-guarded read (`config.access` = `read:…`): private to the browser
 *   for the API cache lifetime, varying by the credentials, with an ETag; a matching If-None-Match
 *   is answered 304 without the body.
 * - anything else without its own Cache-Control: `no-store`.
 */
export function applyCachePolicy(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  maxAgeSeconds: number,
): unknown {
  if (!request.url.startsWith('/api/')) return payload;
  const path = request.url.split('?', 1)[0]!;
  if (SENSITIVE.test(path)) {
    reply.header('cache-control', 'no-store');
    return payload;
  }
  if (reply.hasHeader('cache-control')) return payload;
  const config = request.routeOptions.config;
  const cacheable =
    (request.method === 'GET' || request.method === 'HEAD') &&
    reply.statusCode === 200 &&
    config?.httpCache !== false &&
    typeof config?.access === 'string' &&
    config.access.startsWith('read:') &&
    (typeof payload === 'string' || Buffer.isBuffer(payload));
  if (!cacheable) {
    reply.header('cache-control', 'no-store');
    return payload;
  }
  reply.header('cache-control', `private, max-age=${maxAgeSeconds}`);
  reply.header('vary', 'Authorization, Cookie');
  let etag = reply.getHeader('etag');
  if (typeof etag !== 'string') {
    etag = etagOf(payload as string | Buffer);
    reply.header('etag', etag);
  }
  if (matches(request.headers['if-none-match'], etag)) {
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return '';
  }
  return payload;
}

/** If-None-Match: `*`, one tag, or a list; weak comparison (W/ prefixes ignored) as RFC 9110 says for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}
