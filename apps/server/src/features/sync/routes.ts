import {
  connectionDetailResponse,
  connectionsResponse,
  credentialsResponse,
  sandboxBody,
  saveCredentialsBody,
  startSyncBody,
  startSyncResponse,
  syncRunsResponse,
  syncRunView,
} from '@sentia/contracts';
import { isAllowed } from '@sentia/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { getConnection, getSyncRun, listConnections, setSandboxConnection, startSync } from './connections';
import { saveCredentials, viewCredentials } from './credentials';
import { getConnector } from './registry';
import { syncSchedulerFor } from './schedules';
import { closeInterruptedRuns } from './sync-run-store';
import { queryRuns } from './sync-run-views';

const connectorParams = z.object({ connector: z.string().regex(/^[a-z][a-z0-9-]{0,49}$/) });

/**
 * Data › Connections: list and detail (anyone who may read), "sync now", credentials and the
 * sandbox switch (`write:connectors`, which admins hold). Also keeps the sync schedules in line with
 * configuration from start-up on.
 */
export function registerSyncRoutes(app: ApiServer, ctx: AppContext): void {
  const canManage = (request: FastifyRequest) =>
    isAllowed(callerOf<Principal>(request).permissions, 'write:connectors', ctx.config.NODE_ENV);
  const read = { access: 'read:connections' as const };
  const manage = { access: 'write:connectors' as const };

  app.addHook('onReady', async () => {
    if (ctx.config.mode === 'embedded') {
      const closed = await closeInterruptedRuns(ctx.db).catch(() => 0);
      if (closed > 0)
        ctx.logger.warn(
          { closed },
          'closed syncs interrupted by the last stop; they resume from their cursors',
        );
    }
    const reconciled = syncSchedulerFor(ctx)
      .reconcile(ctx)
      .catch((error) => ctx.logger.warn({ err: error }, 'could not set up the sync schedules'));
    // In server mode not awaited: with Redis unreachable the scheduler waits for it, and the web
    // process must still start (degraded) and serve; the schedules are set up once Redis answers.
    if (ctx.config.mode === 'embedded') await reconciled;
  });
  app.addHook('onClose', async () => {
    await syncSchedulerFor(ctx).close();
  });

  app.get(
    '/api/connections',
    {
      config: read,
      schema: {
        tags: ['connections'],
        summary:
          'Every connector: configured or not, sandbox, degraded, last and active run, next scheduled run',
        response: { 200: connectionsResponse },
      },
    },
    async (request) => listConnections(ctx, canManage(request)),
  );

  app.get(
    '/api/connections/:connector',
    {
      config: read,
      schema: {
        tags: ['connections'],
        summary: 'One connector and its recent sync runs',
        params: connectorParams,
        response: { 200: connectionDetailResponse },
      },
    },
    async (request) => getConnection(ctx, request.params.connector, canManage(request)),
  );

  app.get(
    '/api/connections/:connector/runs',
    {
      config: read,
      schema: {
        tags: ['connections'],
        summary: 'Sync history with per-run counts, newest first',
        params: connectorParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: syncRunsResponse },
      },
    },
    async (request) => {
      getConnector(request.params.connector);
      return { runs: await queryRuns(ctx.db, request.params.connector, request.query.limit) };
    },
  );

  app.get(
    '/api/connections/:connector/runs/:runId',
    {
      config: { ...read, httpCache: false },
      schema: {
        tags: ['connections'],
        summary: 'One sync run (queued, running with its progress, or finished): poll it to follow a sync',
        params: connectorParams.extend({ runId: z.uuid() }),
        response: { 200: syncRunView },
      },
    },
    async (request) => getSyncRun(ctx, request.params.connector, request.params.runId),
  );

  app.post(
    '/api/connections/:connector/sync',
    {
      config: manage,
      schema: {
        tags: ['connections'],
        summary:
          'Sync now (incremental unless mode is full); returns the queued run, or the one already under way',
        params: connectorParams,
        body: startSyncBody,
        response: { 202: startSyncResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, callerOf<Principal>(request));
      const result = await startSync(ctx, actor, request.params.connector, request.body.mode);
      return reply.code(202).send(result);
    },
  );

  app.get(
    '/api/connections/:connector/credentials',
    {
      config: manage,
      schema: {
        tags: ['connections'],
        summary: 'The credential fields: which are set and from where (secrets never returned); audited',
        params: connectorParams,
        response: { 200: credentialsResponse },
      },
    },
    async (request) => {
      const definition = getConnector(request.params.connector);
      return {
        fields: await viewCredentials(ctx, actorOf(request, callerOf<Principal>(request)), definition),
      };
    },
  );

  app.put(
    '/api/connections/:connector/credentials',
    {
      config: manage,
      schema: {
        tags: ['connections'],
        summary: 'Enter or replace credentials (stored encrypted; null removes a value); audited',
        params: connectorParams,
        body: saveCredentialsBody,
        response: { 200: credentialsResponse },
      },
    },
    async (request) => {
      const definition = getConnector(request.params.connector);
      const actor = actorOf(request, callerOf<Principal>(request));
      await saveCredentials(ctx, actor, definition, request.body.values);
      await syncSchedulerFor(ctx).reconcile(ctx);
      return { fields: await viewCredentials(ctx, actor, definition) };
    },
  );

  app.put(
    '/api/connections/:connector/sandbox',
    {
      config: manage,
      schema: {
        tags: ['connections'],
        summary:
          'Point the connector at its local simulator serving the labelled demo data (or back); audited',
        params: connectorParams,
        body: sandboxBody,
        response: { 200: connectionDetailResponse },
      },
    },
    async (request) =>
      setSandboxConnection(
        ctx,
        actorOf(request, callerOf<Principal>(request)),
        request.params.connector,
        request.body.enabled,
      ),
  );
}
