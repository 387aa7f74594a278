import { z } from 'zod';
import type { AppContext } from '../../context';
import { defineJob } from '../../platform/jobs/job-definition';
import { processShopifyWebhook } from './process-shopify-webhook';

/** One recorded Shopify delivery, processed once (its delivery id is the idempotency key). */
export const shopifyWebhookJob = defineJob({
  name: 'webhooks.shopify',
  version: 1,
  queue: 'sync',
  payload: z.object({ deliveryId: z.string().min(1).max(200) }),
  attempts: 5,
  backoffMs: 5_000,
  idempotencyKey: (p) => `webhooks.shopify:${p.deliveryId}`,
  handler: async (payload, { ctx }: { ctx: AppContext }) => processShopifyWebhook(ctx, payload.deliveryId),
});
