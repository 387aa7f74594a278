import { alertsResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { ALERT_RULES } from './alert-rules';
import { AlertStore } from './alert-store';

export function registerAlertRoutes(app: ApiServer, ctx: AppContext): void {
  const store = new AlertStore(ctx.db);
  app.get(
    '/api/alerts',
    {
      config: { access: 'read:system', httpCache: false },
      schema: {
        tags: ['system'],
        summary: 'The alert rules, alerts firing now and those resolved in the last 7 days',
        response: { 200: alertsResponse },
      },
    },
    async () => ({
      rules: ALERT_RULES.map((r) => ({
        name: r.name,
        summary: r.summary,
        severity: r.severity,
        condition: r.condition,
        threshold: r.threshold,
        forSeconds: r.forSeconds,
      })),
      ...(await store.list()),
      webhookConfigured: Boolean(ctx.config.ALERT_WEBHOOK_URL),
    }),
  );
}
