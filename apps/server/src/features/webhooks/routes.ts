import { z } from 'zod';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { receiveShopifyWebhook } from './receive-shopify-webhook';

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * POST /api/webhooks/shopify. Public (Shopify signs, it does not sign in); the body is read as raw
 * bytes because the signature covers exactly those bytes, before any JSON parsing.
 */
export function registerWebhookRoutes(app: ApiServer, ctx: AppContext): void {
  app.register(async (scope) => {
    scope.removeContentTypeParser(['application/json']);
    scope.addContentTypeParser(
      ['application/json'],
      { parseAs: 'buffer', bodyLimit: 5 * 1_048_576 },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/webhooks/shopify',
      {
        config: { access: 'public' },
        bodyLimit: 5 * 1_048_576,
        schema: {
          tags: ['webhooks'],
          summary:
            'Shopify webhook: HMAC-verified over the raw body (401 when wrong), recorded once per X-Shopify-Webhook-Id, processed on the worker',
          response: {
            200: z.object({ status: z.enum(['accepted', 'duplicate']), deliveryId: z.string() }),
          },
        },
      },
      async (request) =>
        receiveShopifyWebhook(ctx, {
          raw: Buffer.isBuffer(request.body) ? request.body : Buffer.from(''),
          hmac: header(request.headers['x-shopify-hmac-sha256']),
          topic: header(request.headers['x-shopify-topic']),
          shopDomain: header(request.headers['x-shopify-shop-domain']),
          webhookId: header(request.headers['x-shopify-webhook-id']),
          triggeredAt: header(request.headers['x-shopify-triggered-at']),
        }),
    );
  });
}
