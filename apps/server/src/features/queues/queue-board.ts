import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AppContext } from '../../context';
import { AppError } from '../../platform/errors';
import type { ApiServer } from '../../platform/http/create-server';
import { handleError } from '../../platform/http/problem';
import { bullmqQueues } from './queue-extras';

export const BOARD_PATH = '/api/admin/queues';
const ACCESS = 'admin:queues' as const;

/**
 * The double-submit CSRF token for the board's own requests: cookie-authenticated writes (retry,
 * clean) must echo `sentia_csrf` in X-CSRF-Token, which bull-board's UI does not know to do. Served
 * from this origin (the CSP allows only same-origin scripts) and loaded before the board's scripts.
 */
const CSRF_SCRIPT = `(function () {
  var m = document.cookie.match(/(?:^|; )sentia_csrf=([^;]*)/);
  var token = m ? decodeURIComponent(m[1]) : '';
  var safe = /^(GET|HEAD|OPTIONS)$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method) {
    this.__sentiaMethod = String(method).toUpperCase();
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (token && !safe.test(this.__sentiaMethod || 'GET')) this.setRequestHeader('X-CSRF-Token', token);
    return send.apply(this, arguments);
  };
  if (window.fetch) {
    var f = window.fetch;
    window.fetch = function (input, init) {
      init = init || {};
      var method = String(init.method || 'GET').toUpperCase();
      if (token && !safe.test(method)) {
        var headers = new Headers(init.headers || {});
        headers.set('X-CSRF-Token', token);
        init.headers = headers;
      }
      return f(input, init);
    };
  }
})();
`;

/**
 * The admin queue board (bull-board: job lists, retry, clean, promote) at /api/admin/queues, for
 * BullMQ deployments. Every route the board adds is given the `admin:queues` rule — the access
 * hook refuses any /api route without one — and its static files are served through a route that
 * carries the rule too. The in-process runner has no queues to show there (embedded mode).
 */
export function registerQueueBoard(app: ApiServer, ctx: AppContext): void {
  if (ctx.jobs.kind !== 'bullmq' || !ctx.redis) return;
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: [...bullmqQueues(ctx).values()].map((q) => new BullMQAdapter(q)),
    // @bull-board/fastify pins its own copy of @bull-board/api; the adapter interface is the same.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Sentia queues' } },
  });
  const plugin = serverAdapter.registerPlugin() as unknown as (
    instance: FastifyInstance,
    opts: { prefix?: string },
    done: (error?: Error) => void,
  ) => void;

  app.register(
    async (scope) => {
      scope.get(
        '/sentia-csrf.js',
        { config: { access: ACCESS }, schema: { hide: true } },
        async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(CSRF_SCRIPT),
      );
      await new Promise<void>((resolve, reject) =>
        plugin(guarded(scope as unknown as FastifyInstance), {}, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    },
    { prefix: BOARD_PATH },
  );
}

/** The scope as the board sees it: its routes get the access rule and the CSRF script tag. */
function guarded(scope: FastifyInstance): FastifyInstance {
  const route = (options: RouteOptions) =>
    scope.route({
      ...options,
      config: { ...options.config, access: ACCESS },
      onSend: async (_request, _reply, payload) =>
        typeof payload === 'string' && payload.includes('</head>')
          ? payload.replace('</head>', '<script src="sentia-csrf.js"></script></head>')
          : payload,
    });
  const register = (plugin: unknown, options?: Record<string, unknown>) => {
    if (options && typeof options.root === 'string' && typeof options.prefix === 'string') {
      // @fastify/static: keep its sendFile, but serve through a route with the access rule.
      const root = options.root;
      const prefix = options.prefix.replace(/\/$/, '');
      scope.register(plugin as never, { ...options, serve: false });
      scope.route({
        method: 'GET',
        url: `${prefix}/*`,
        config: { access: ACCESS },
        schema: { hide: true },
        handler: (request, reply) => reply.sendFile((request.params as { '*': string })['*'], root),
      });
      return scope;
    }
    return scope.register(plugin as never, options as never);
  };
  // bull-board's own error handler answers its API's errors; ours still answers sign-in and
  // permission refusals (401/403 as problem+json), which the board's handler would turn into 500s.
  const setErrorHandler = (
    handler: (error: Error, request: FastifyRequest, reply: FastifyReply) => unknown,
  ) =>
    scope.setErrorHandler((error, request, reply) =>
      error instanceof AppError
        ? handleError(error, request, reply)
        : handler(error as Error, request, reply),
    );
  return new Proxy(scope, {
    get(target, property, receiver) {
      if (property === 'route') return route;
      if (property === 'register') return register;
      if (property === 'setErrorHandler') return setErrorHandler;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
