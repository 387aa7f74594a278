import type { ServerResponse } from 'node:http';
import { isAllowed, type Permission } from '@sentia/domain';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { type AppEvent, compareEventIds, EVENT_ID } from '../../platform/events/event-bus';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { formatResync, formatSseEvent, formatSseNotice } from './sse-stream';

/** A comment line keeps proxies (Railway's edge, nginx) from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** Streams end after this long; the browser reconnects with Last-Event-ID and is authenticated again. */
export const MAX_STREAM_MS = 15 * 60_000;

export function registerEventRoutes(app: ApiServer, ctx: AppContext, options: { maxStreamMs?: number } = {}) {
  const open = new Set<ServerResponse>();
  // Streams never end by themselves: close them first, or shutting down would wait for every browser.
  app.addHook('preClose', async () => {
    for (const response of open) response.end();
    open.clear();
  });

  app.get(
    '/api/events',
    {
      config: { access: 'authenticated', httpCache: false, longLived: true },
      schema: {
        tags: ['events'],
        summary:
          'Live updates as server-sent events (sync progress, data changes, alerts, flags, maintenance); resumes after Last-Event-ID',
        querystring: z.object({ lastEventId: z.string().regex(EVENT_ID).optional() }),
      },
    },
    async (request, reply) => {
      const caller = callerOf<Principal>(request);
      const canSee = (event: AppEvent) =>
        event.permission === null ||
        isAllowed(caller.permissions, event.permission as Permission, ctx.config.NODE_ENV);
      const lastEventId = headerValue(request.headers['last-event-id']) ?? request.query.lastEventId;
      // The stream stays open during maintenance (the gate lets it through): a page that connects
      // meanwhile is told at once, and hears maintenance.changed when it ends.
      const maintenance = await ctx.maintenance.current().catch(() => null);

      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // nginx and other proxies would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      response.write('retry: 3000\n\n');
      if (maintenance?.enabled) {
        response.write(
          formatSseNotice('maintenance.changed', { enabled: true, message: maintenance.message }),
        );
      }
      open.add(response);
      ctx.metrics.sseClients.inc();

      // Live events that arrive while the replay is read are held, then sent after it, without repeats.
      let replaying = Boolean(lastEventId);
      let lastSent = lastEventId ?? null;
      const held: AppEvent[] = [];
      const send = (event: AppEvent) => {
        if (lastSent && compareEventIds(event.id, lastSent) <= 0) return;
        lastSent = event.id;
        if (canSee(event)) response.write(formatSseEvent(event));
      };
      const unsubscribe = ctx.events.subscribe((event) => {
        if (replaying) held.push(event);
        else send(event);
      });
      const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
      const limit = setTimeout(() => response.end(), options.maxStreamMs ?? MAX_STREAM_MS);
      let closed = false;
      const cleanup = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(limit);
        open.delete(response);
        ctx.metrics.sseClients.dec();
      };
      request.raw.on('close', cleanup);
      response.on('close', cleanup);

      if (lastEventId) {
        try {
          const replay = await ctx.events.since(lastEventId);
          if (!replay.complete) response.write(formatResync(replay.events.at(-1)?.id ?? null));
          for (const event of replay.events) send(event);
        } catch (error) {
          request.log.warn({ err: error }, 'could not replay events; asking the page to refetch');
          response.write(formatResync(null));
        }
        replaying = false;
        for (const event of held.splice(0)) send(event);
      }
    },
  );
}

/** Sent by EventSource when it reconnects; `?lastEventId=` does the same for a fresh connection. */
function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single && EVENT_ID.test(single) ? single : undefined;
}
