import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { queryRows, schema } from '@sentia/db';
import { summariseXeroBalanceSheet, type XeroReport } from '@sentia/domain';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import { NotFoundError, ValidationError } from '../../../platform/errors';
import type { Actor } from '../../audit/record-audit';
import { syncSchedulerFor } from '../../sync/schedules';
import { resolveXero } from './xero-connector';
import { listXeroTenants } from './xero-oauth';
import type { XeroPayload } from './xero-pages';
import { xeroTokenStore } from './xero-settings';

/** Scopes asked for: read-only accounting, reports, contacts and settings, and a refresh token. */
export const XERO_SCOPES =
  'openid profile email offline_access accounting.transactions.read accounting.reports.read accounting.contacts.read accounting.settings.read';
const PENDING_KEY = 'xero.oauth-pending';
const PENDING_TTL_MS = 10 * 60_000;

interface Pending {
  stateHash: string;
  redirectUri: string;
  expiresAt: string;
  actor: Actor;
}

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

/**
 * Starts the authorisation-code flow: a single-use state (kept hashed, encrypted, for 10 minutes,
 * shared by every replica through the database) and Xero's consent URL. The browser comes back to
 * the callback from Xero's site, where SameSite=Strict cookies are not sent, so the state is what
 * ties the callback to the admin who started it.
 */
export async function startXeroAuthorization(
  ctx: AppContext,
  actor: Actor,
  redirectUri: string,
): Promise<{ url: string; redirectUri: string }> {
  const { settings, endpoints } = await resolveXero(ctx);
  const state = randomBytes(24).toString('base64url');
  const pending: Pending = {
    stateHash: hash(state),
    redirectUri,
    expiresAt: new Date(Date.now() + PENDING_TTL_MS).toISOString(),
    actor: { userId: actor.userId, label: actor.label },
  };
  const ciphertext = ctx.secretBox.seal(JSON.stringify(pending), `connector:${PENDING_KEY}`);
  await ctx.db
    .insert(schema.connectorCredentials)
    .values({ connector: PENDING_KEY, ciphertext, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: schema.connectorCredentials.connector,
      set: { ciphertext, updatedBy: actor.userId, updatedAt: sql`now()` },
    });
  const url = new URL(endpoints.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.app.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', XERO_SCOPES);
  url.searchParams.set('state', state);
  return { url: url.toString(), redirectUri };
}

/**
 * Xero's redirect after consent: the state must be the pending one (then it is spent), the code is
 * exchanged, the organisation chosen (the first one the consent covered) and the connection stored,
 * encrypted and audited as the admin who started the flow.
 */
export async function completeXeroAuthorization(
  ctx: AppContext,
  query: { code?: string; state?: string; error?: string },
): Promise<{ tenantName: string }> {
  const [row] = await queryRows<{ ciphertext: string }>(
    ctx.db,
    sql`delete from connector_credentials where connector = ${PENDING_KEY} returning ciphertext`,
  );
  const pending = row
    ? (JSON.parse(ctx.secretBox.open(row.ciphertext, `connector:${PENDING_KEY}`)) as Pending)
    : null;
  const given = Buffer.from(hash(query.state ?? ''));
  if (!pending || !query.state || !timingSafeEqual(Buffer.from(pending.stateHash), given)) {
    throw new ValidationError(
      'This Xero authorisation was not started here, or was already used: start again.',
      [{ field: 'query.state', message: 'unknown or spent' }],
    );
  }
  if (Date.parse(pending.expiresAt) < Date.now()) {
    throw new ValidationError('The Xero authorisation took longer than 10 minutes: start again.', [
      { field: 'query.state', message: 'expired' },
    ]);
  }
  if (query.error || !query.code) {
    throw new ValidationError(`Xero did not authorise the connection (${query.error ?? 'no code'}).`, [
      { field: 'query.code', message: query.error ?? 'missing' },
    ]);
  }
  const { settings, endpoints } = await resolveXero(ctx);
  const { oauth, http, store } = xeroTokenStore(ctx, settings, endpoints);
  const tokens = await oauth.exchangeCode(query.code, pending.redirectUri);
  const tenants = await listXeroTenants(http, endpoints.connectionsUrl, tokens.accessToken);
  const tenant = tenants.find((t) => t.tenantType === 'ORGANISATION') ?? tenants[0];
  if (!tenant)
    throw new ValidationError('The Xero consent covered no organisation.', [
      { field: 'query.code', message: 'no tenant' },
    ]);
  await store.connect(
    tokens,
    { tenantId: tenant.tenantId, tenantName: tenant.tenantName, connectionId: tenant.id },
    pending.actor,
  );
  // Connected: the hourly sync is scheduled from now on (every replica sees the same schedule).
  await syncSchedulerFor(ctx).reconcile(ctx);
  return { tenantName: tenant.tenantName };
}

/** Removes the app's access at Xero (best effort) and forgets the connection, audited. */
export async function disconnectXero(
  ctx: AppContext,
  actor: Actor,
): Promise<{ disconnected: boolean; tenantName: string | null }> {
  const { settings, endpoints } = await resolveXero(ctx);
  const { http, store } = xeroTokenStore(ctx, settings, endpoints);
  const stored = await store.read();
  if (!stored) return { disconnected: false, tenantName: null };
  if (stored.connection.connectionId) {
    try {
      const { accessToken } = await store.accessToken();
      await http.request({
        method: 'DELETE',
        url: `${endpoints.connectionsUrl}/${stored.connection.connectionId}`,
        operation: 'disconnect',
        headers: { authorization: `Bearer ${accessToken}` },
        limit: false,
      });
    } catch (error) {
      // A dead token cannot disconnect; forgetting it here is what matters.
      ctx.logger.warn({ err: error }, 'xero: could not remove the connection at Xero');
    }
  }
  await store.disconnect(actor);
  await syncSchedulerFor(ctx).reconcile(ctx);
  return { disconnected: true, tenantName: stored.connection.tenantName };
}

/** Current and quick ratio from the newest Balance Sheet a Xero sync kept. */
export async function getXeroBalanceSheet(ctx: AppContext) {
  const [row] = await queryRows<{ payload: XeroPayload<XeroReport>; received_at: string | Date }>(
    ctx.db,
    sql`select payload, received_at from raw_payloads where connector = 'xero' and entity = 'balance-sheet'
        order by id desc limit 1`,
  );
  if (!row) {
    throw new NotFoundError('No balance sheet yet: connect Xero (Data › Connections) and let it sync.');
  }
  const { account, item } = row.payload;
  return {
    asOf: account.asOf!,
    source: account.source,
    readAt: new Date(row.received_at).toISOString(),
    ...summariseXeroBalanceSheet(item, account.baseCurrency),
  };
}

/** Whether an authorisation is waiting for its callback (for tests and the page). */
export async function hasPendingXeroAuthorization(ctx: AppContext): Promise<boolean> {
  const rows = await ctx.db
    .select({ connector: schema.connectorCredentials.connector })
    .from(schema.connectorCredentials)
    .where(eq(schema.connectorCredentials.connector, PENDING_KEY));
  return rows.length > 0;
}
