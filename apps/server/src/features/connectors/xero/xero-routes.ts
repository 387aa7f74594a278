import {
  xeroAuthorizeResponse,
  xeroBalanceSheetResponse,
  xeroCallbackQuery,
  xeroDisconnectResponse,
} from '@sentia/contracts';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context';
import { callerOf } from '../../../platform/http/access-control';
import type { ApiServer } from '../../../platform/http/create-server';
import type { Principal } from '../../identity/principal';
import { actorOf } from '../../identity/routes';
import {
  completeXeroAuthorization,
  disconnectXero,
  getXeroBalanceSheet,
  startXeroAuthorization,
} from './xero-connect';

/** Where the Connections page shows Xero (the callback sends the admin back there). */
const CONNECTION_PAGE = '/data/connections/xero';

/**
 * Connecting Xero (OAuth 2.0 authorisation code), disconnecting it, and the liquidity figures of
 * the latest Balance Sheet a sync read.
 */
export function registerXeroRoutes(app: ApiServer, ctx: AppContext): void {
  app.post(
    '/api/connectors/xero/authorize',
    {
      config: { access: 'write:connectors' },
      schema: {
        tags: ['connectors'],
        summary: 'Start connecting a Xero organisation: the consent URL to send the browser to',
        response: { 200: xeroAuthorizeResponse },
      },
    },
    async (request) =>
      startXeroAuthorization(ctx, actorOf(request, callerOf<Principal>(request)), redirectUri(ctx, request)),
  );

  app.get(
    '/api/connectors/xero/callback',
    {
      // Xero's redirect: no session cookie comes with it (SameSite=Strict); the single-use state proves it.
      config: { access: 'public' },
      schema: {
        tags: ['connectors'],
        summary: 'Xero’s redirect after consent',
        querystring: xeroCallbackQuery,
      },
    },
    async (request, reply) => {
      try {
        const { tenantName } = await completeXeroAuthorization(ctx, request.query);
        return reply.redirect(`${CONNECTION_PAGE}?connected=${encodeURIComponent(tenantName)}`);
      } catch (error) {
        request.log.warn({ err: error }, 'xero: authorisation callback failed');
        const message = error instanceof Error ? error.message : 'The connection failed.';
        return reply.redirect(`${CONNECTION_PAGE}?error=${encodeURIComponent(message.slice(0, 300))}`);
      }
    },
  );

  app.post(
    '/api/connectors/xero/disconnect',
    {
      config: { access: 'write:connectors' },
      schema: {
        tags: ['connectors'],
        summary: 'Disconnect the Xero organisation (its access is removed at Xero too)',
        response: { 200: xeroDisconnectResponse },
      },
    },
    async (request) => disconnectXero(ctx, actorOf(request, callerOf<Principal>(request))),
  );

  app.get(
    '/api/connectors/xero/balance-sheet',
    {
      config: { access: 'read:working-capital' },
      schema: {
        tags: ['connectors', 'working-capital'],
        summary: 'Current and quick ratio from the latest Xero Balance Sheet',
        response: { 200: xeroBalanceSheetResponse },
      },
    },
    async () => getXeroBalanceSheet(ctx),
  );
}

/** APP_URL's callback, else this request's own origin (embedded mode on localhost). */
function redirectUri(ctx: AppContext, request: FastifyRequest): string {
  const base = ctx.config.APP_URL ?? `${request.protocol}://${request.host}`;
  return new URL('/api/connectors/xero/callback', base).toString();
}
