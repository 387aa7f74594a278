import { z } from 'zod';
import type { XeroWebhookEvent, XeroWebhookPayload } from './xero-types';

const eventSchema = z.object({
  resourceUrl: z.string(),
  resourceId: z.string().min(1),
  eventDateUtc: z.string(),
  eventType: z.string(),
  eventCategory: z.string(),
  tenantId: z.string(),
  tenantType: z.string().optional(),
});

export const xeroWebhookPayloadSchema: z.ZodType<XeroWebhookPayload> = z.object({
  events: z.array(eventSchema),
  firstEventSequence: z.number().int(),
  lastEventSequence: z.number().int(),
  entropy: z.string(),
});

/** A webhook body (already signature-checked) as events, or the reason it is not one. */
export function parseXeroWebhookPayload(
  body: unknown,
): { ok: true; payload: XeroWebhookPayload } | { ok: false; reason: string } {
  const parsed = xeroWebhookPayloadSchema.safeParse(body);
  if (parsed.success) return { ok: true, payload: parsed.data };
  return {
    ok: false,
    reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  };
}

/**
 * The invoices a delivery says changed, for one organisation: each invoice once, whatever the
 * number and order of its events (the worker fetches their current state, so order is moot).
 */
export function changedInvoiceIds(events: readonly XeroWebhookEvent[], tenantId?: string): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.eventCategory.toUpperCase() !== 'INVOICE') continue;
    if (tenantId && event.tenantId !== tenantId) continue;
    ids.add(event.resourceId);
  }
  return [...ids];
}

/**
 * The delivery's identity, for recording it once: Xero numbers events per subscription, so a
 * delivery is its sequence range; an intent-to-receive ping (no events, sequences 0) has none and
 * is not recorded.
 */
export function xeroDeliveryId(payload: XeroWebhookPayload): string | null {
  if (payload.events.length === 0) return null;
  return `seq:${payload.firstEventSequence}-${payload.lastEventSequence}`;
}
