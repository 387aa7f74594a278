import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { receiveXeroWebhook } from '../connectors/xero/xero-webhooks';

/**
 * `POST /api/webhooks/xero`: Xero's deliveries and its "intent to receive" checks. The signature
 * covers the raw bytes, so this route (alone, in its own scope) takes the body as a Buffer instead
 * of parsed JSON. The answer is an empty body — 200 when the signature is right, 401 when not — as
 * Xero expects; the work is queued for the worker.
 */
export function registerXeroWebhookRoutes(app: ApiServer, ctx: AppContext): void {
  app.register(async (scope) => {
    scope.removeContentTypeParser(['application/json']);
    scope.addContentTypeParser(['application/json'], { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/webhooks/xero',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Xero webhook deliveries (x-xero-signature over the raw body)',
          tags: ['webhooks'],
        },
      },
      async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const signature = request.headers['x-xero-signature'];
        const answer = await receiveXeroWebhook(
          ctx,
          raw,
          Array.isArray(signature) ? signature[0] : signature,
        );
        if (answer.status === 400)
          request.log.warn({ reason: answer.reason }, 'xero webhook: signed body is not a delivery');
        else if (answer.status === 401) request.log.warn('xero webhook: signature does not match');
        return reply.code(answer.status).send();
      },
    );
  });
}
