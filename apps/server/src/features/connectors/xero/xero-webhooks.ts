import { createHmac, timingSafeEqual } from 'node:crypto';
import { queryRows, schema } from '@sentia/db';
import { parseXeroWebhookPayload, type XeroWebhookPayload, xeroDeliveryId } from '@sentia/domain';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { defineJob } from '../../../platform/jobs/job-definition';
import { getConnectorState } from '../../sync/connector-state';
import { resolveCredentials } from '../../sync/credentials';
import { XERO_CREDENTIAL_FIELDS, xeroSandboxWebhookKey } from './xero-settings';
import { processXeroWebhook } from './xero-webhook-work';

/**
 * Xero webhooks (integration-contracts.md §4.10): `x-xero-signature` is the base64 HMAC-SHA256 of
 * the raw body under the app's webhook key. A delivery is answered at once — 200 with an empty
 * body when the signature is right (including the "intent to receive" pings, which carry no
 * events), 401 when it is not — and its events are recorded once in `webhook_receipts` (keyed by
 * their sequence range, so a repeated delivery is acknowledged and ignored). The work — fetching
 * the invoices that changed — happens on the worker.
 */
export function verifyXeroSignature(
  keys: readonly string[],
  rawBody: Buffer,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature);
  let ok = false;
  // Every key is compared (no early return), so timing says nothing about which one matched.
  for (const key of keys) {
    const expected = Buffer.from(createHmac('sha256', key).update(rawBody).digest('base64'));
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

/** The keys a delivery may be signed with: the configured one, and the sandbox's while it is on. */
export async function xeroWebhookKeys(ctx: AppContext): Promise<string[]> {
  const [{ values }, state] = await Promise.all([
    resolveCredentials(ctx, { name: 'xero', credentialFields: XERO_CREDENTIAL_FIELDS }),
    getConnectorState(ctx.db, 'xero'),
  ]);
  const keys = values.webhookKey ? [values.webhookKey] : [];
  if (state.sandbox) keys.push(xeroSandboxWebhookKey(ctx));
  return keys;
}

export type WebhookAnswer =
  | { status: 200; outcome: 'intent-to-receive' | 'recorded' | 'repeated' }
  | { status: 401; outcome: 'bad-signature' }
  | { status: 400; outcome: 'not-a-delivery'; reason: string };

/** Verifies, records and hands a delivery to the worker; the answer to give Xero. */
export async function receiveXeroWebhook(
  ctx: AppContext,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookAnswer> {
  if (!verifyXeroSignature(await xeroWebhookKeys(ctx), rawBody, signature))
    return { status: 401, outcome: 'bad-signature' };
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { status: 400, outcome: 'not-a-delivery', reason: 'the body is not JSON' };
  }
  const parsed = parseXeroWebhookPayload(body);
  if (!parsed.ok) return { status: 400, outcome: 'not-a-delivery', reason: parsed.reason };
  const deliveryId = xeroDeliveryId(parsed.payload);
  if (!deliveryId) return { status: 200, outcome: 'intent-to-receive' };
  const inserted = await queryRows<{ delivery_id: string }>(
    ctx.db,
    sql`insert into webhook_receipts (provider, delivery_id, topic, payload, status)
        values ('xero', ${deliveryId}, ${topicOf(parsed.payload)}, ${JSON.stringify(parsed.payload)}::jsonb, 'received')
        on conflict (provider, delivery_id) do nothing
        returning delivery_id`,
  );
  if (inserted.length === 0) return { status: 200, outcome: 'repeated' };
  try {
    await ctx.jobs.enqueue(xeroWebhookJob, { deliveryId });
  } catch (error) {
    // Not queued: forget the receipt, so Xero's retry of this delivery is taken afresh.
    await ctx.db
      .delete(schema.webhookReceipts)
      .where(
        and(eq(schema.webhookReceipts.provider, 'xero'), eq(schema.webhookReceipts.deliveryId, deliveryId)),
      );
    throw error;
  }
  return { status: 200, outcome: 'recorded' };
}

function topicOf(payload: XeroWebhookPayload): string {
  return [...new Set(payload.events.map((e) => `${e.eventCategory}.${e.eventType}`.toLowerCase()))]
    .sort()
    .join(',');
}

/**
 * Fetches the invoices a recorded delivery names and writes them (see xero-webhook-work.ts). One
 * job per delivery; retried with backoff when Xero or the database fails.
 */
export const xeroWebhookJob = defineJob({
  name: 'xero.webhook',
  version: 1,
  queue: 'sync',
  payload: z.object({ deliveryId: z.string().min(1).max(200) }),
  attempts: 5,
  backoffMs: 10_000,
  idempotencyKey: (p) => `xero.webhook:${p.deliveryId}`,
  handler: (payload, { ctx }: { ctx: AppContext }) => processXeroWebhook(ctx, payload.deliveryId),
});
