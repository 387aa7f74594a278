import { queryRows, schema } from '@sentia/db';
import { changedInvoiceIds, type XeroInvoicesResponse, type XeroWebhookPayload } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import { PermanentJobError } from '../../../platform/jobs/job-definition';
import { ConnectorNotConfiguredError } from '../../sync/connector';
import { writeRecords } from '../../sync/write-records';
import { resolveXero, xeroApiClient } from './xero-connector';
import type { XeroPayload } from './xero-pages';
import { xeroRecords } from './xero-records';
import { xeroTokenStore } from './xero-settings';

/** Invoices fetched per request (the `IDs` filter). */
const IDS_PER_REQUEST = 40;

export type WebhookWorkResult =
  | { status: 'processed'; invoices: number; written: number; rejected: number }
  | { status: 'skipped'; reason: string };

/**
 * The work of one recorded delivery: the events only name invoices, so their current state is
 * fetched (`GET Invoices?IDs=…`) and written through the same records and upserts as a sync, raw
 * payloads kept. Order does not matter: whichever delivery is processed last fetches Xero's
 * current state, and an upsert never replaces a row Xero modified later (UpdatedDateUTC), so an
 * older fetch finishing after a newer one changes nothing.
 */
export async function processXeroWebhook(ctx: AppContext, deliveryId: string): Promise<WebhookWorkResult> {
  const [receipt] = await queryRows<{ payload: XeroWebhookPayload; status: string }>(
    ctx.db,
    sql`select payload, status from webhook_receipts where provider = 'xero' and delivery_id = ${deliveryId}`,
  );
  if (!receipt) return { status: 'skipped', reason: 'no such delivery' };
  if (receipt.status === 'processed') return { status: 'skipped', reason: 'already processed' };
  let resolved: Awaited<ReturnType<typeof resolveXero>>;
  try {
    resolved = await resolveXero(ctx);
  } catch (error) {
    if (error instanceof ConnectorNotConfiguredError)
      return finish(ctx, deliveryId, 'failed', error.message, true);
    throw error;
  }
  const { settings, endpoints } = resolved;
  const { store } = xeroTokenStore(ctx, settings, endpoints);
  const stored = await store.read();
  if (!stored) return finish(ctx, deliveryId, 'failed', 'no Xero organisation is connected', true);
  const ids = changedInvoiceIds(receipt.payload.events, stored.connection.tenantId);
  if (ids.length === 0) {
    await finish(ctx, deliveryId, 'processed', null);
    return { status: 'processed', invoices: 0, written: 0, rejected: 0 };
  }
  const client = xeroApiClient(ctx, { tokens: store, apiUrl: endpoints.apiUrl });
  const organisation = await client.get<{ Organisations: { BaseCurrency: string }[] }>('Organisation');
  const account = {
    source: settings.source,
    tenantId: stored.connection.tenantId,
    baseCurrency: organisation.Organisations[0]?.BaseCurrency ?? 'GBP',
  };
  const payloads: XeroPayload[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    const chunk = ids.slice(i, i + IDS_PER_REQUEST);
    const body = await client.get<XeroInvoicesResponse>('Invoices', { query: { IDs: chunk, page: 1 } });
    for (const item of body.Invoices) payloads.push({ account, item });
  }
  const outcome = await ctx.db.transaction(async (transaction) => {
    const tx = transaction as unknown as AppContext['db'];
    if (payloads.length > 0) {
      await tx.insert(schema.rawPayloads).values(
        payloads.map((p) => ({
          connector: 'xero',
          entity: 'invoice',
          externalId: (p.item as { InvoiceID: string }).InvoiceID,
          syncRunId: null,
          payload: p,
        })),
      );
    }
    const converted = await xeroRecords({ ...ctx, db: tx }, 'invoice', payloads);
    const written = await writeRecords(tx, converted.records);
    const rejections = [...converted.rejections, ...written.total.rejections];
    await tx.execute(
      sql`update webhook_receipts set status = 'processed', processed_at = now(),
            error = ${
              rejections.length > 0
                ? rejections
                    .map((r) => `${r.key}: ${r.reason}`)
                    .join('; ')
                    .slice(0, 2000)
                : null
            }
          where provider = 'xero' and delivery_id = ${deliveryId}`,
    );
    return { written: written.total.written, rejected: rejections.length };
  });
  return { status: 'processed', invoices: payloads.length, ...outcome };
}

async function finish(
  ctx: AppContext,
  deliveryId: string,
  status: 'processed' | 'failed',
  error: string | null,
  permanent = false,
): Promise<WebhookWorkResult> {
  await ctx.db.execute(
    sql`update webhook_receipts set status = ${status}, processed_at = now(), error = ${error}
        where provider = 'xero' and delivery_id = ${deliveryId}`,
  );
  if (permanent) throw new PermanentJobError(`Xero webhook ${deliveryId}: ${error}`);
  return { status: 'skipped', reason: error ?? status };
}
