import { queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { UnauthorizedError, ValidationError } from '../../platform/errors';
import { readShopifySettings } from '../connectors/shopify/shopify-settings';
import { shopifyWebhookJob } from './jobs';
import { verifyShopifyHmac } from './verify-shopify-hmac';

export interface ShopifyDelivery {
  raw: Buffer;
  hmac: string | undefined;
  topic: string | undefined;
  shopDomain: string | undefined;
  webhookId: string | undefined;
  triggeredAt: string | undefined;
}

/**
 * Receives a Shopify webhook: verify the signature over the raw bytes, record the delivery once per
 * X-Shopify-Webhook-Id (a retry of the same delivery is acknowledged and ignored), and leave the
 * work to the worker — so Shopify gets its 200 in milliseconds, well within its 5-second limit.
 */
export async function receiveShopifyWebhook(
  ctx: AppContext,
  delivery: ShopifyDelivery,
): Promise<{ status: 'accepted' | 'duplicate'; deliveryId: string }> {
  const { webhookSecrets } = await readShopifySettings(ctx);
  if (!verifyShopifyHmac(delivery.raw, delivery.hmac, webhookSecrets)) {
    throw new UnauthorizedError('The webhook signature (X-Shopify-Hmac-Sha256) does not match.');
  }
  const missing = (['topic', 'shopDomain', 'webhookId'] as const).filter((k) => !delivery[k]);
  if (missing.length > 0) {
    throw new ValidationError(
      'Shopify webhook headers are missing.',
      missing.map((k) => ({
        field: `headers.x-shopify-${k === 'shopDomain' ? 'shop-domain' : k === 'webhookId' ? 'webhook-id' : k}`,
        message: 'required',
      })),
    );
  }
  let text = delivery.raw.toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    throw new ValidationError('The webhook body is not JSON.', [{ field: 'body', message: 'not JSON' }]);
  }
  // The body goes into jsonb as text, so ids beyond 2^53 keep every digit.
  text = JSON.stringify({
    shopDomain: delivery.shopDomain,
    triggeredAt: delivery.triggeredAt ?? null,
    body: '__BODY__',
  }).replace('"__BODY__"', text);
  const inserted = await queryRows<{ delivery_id: string }>(
    ctx.db,
    sql`insert into webhook_receipts (provider, delivery_id, topic, payload, status)
        values ('shopify', ${delivery.webhookId!}, ${delivery.topic!}, ${text}::jsonb, 'received')
        on conflict (provider, delivery_id) do nothing
        returning delivery_id`,
  );
  if (inserted.length === 0) {
    // A repeat. If the first attempt's job never got queued (Redis was away), queue it now; the
    // job's idempotency key keeps it to one processing either way.
    const [seen] = await queryRows<{ status: string }>(
      ctx.db,
      sql`select status from webhook_receipts where provider = 'shopify' and delivery_id = ${delivery.webhookId!}`,
    );
    if (seen?.status === 'received')
      await ctx.jobs.enqueue(shopifyWebhookJob, { deliveryId: delivery.webhookId! });
    return { status: 'duplicate', deliveryId: delivery.webhookId! };
  }
  await ctx.jobs.enqueue(shopifyWebhookJob, { deliveryId: delivery.webhookId! });
  return { status: 'accepted', deliveryId: delivery.webhookId! };
}
