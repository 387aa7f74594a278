import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { etagOf } from '../http/http-cache';
import type { AppCache, CacheEntrySpec } from './app-cache';

/**
 * Answers a GET from the cache: the body is stored already serialised with its ETag, so a hit costs
 * one cache read and no serialisation or hashing. The value is checked against the route's response
 * schema when computed, as the serializer would have done.
 */
export async function replyFromCache<S extends z.ZodType>(
  reply: FastifyReply,
  cache: AppCache,
  spec: CacheEntrySpec,
  schema: S,
  compute: () => Promise<z.input<S>>,
): Promise<FastifyReply> {
  const stored = await cache.getOrComputeText(spec, async () => {
    const body = JSON.stringify(schema.parse(await compute()));
    return `${etagOf(body)}\n${body}`;
  });
  const newline = stored.indexOf('\n');
  return reply
    .header('etag', stored.slice(0, newline))
    .type('application/json; charset=utf-8')
    .send(stored.slice(newline + 1));
}
