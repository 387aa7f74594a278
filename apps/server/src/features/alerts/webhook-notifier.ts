import type { AlertView } from '@sentia/contracts';
import type { Logger } from '../../platform/logger';

export type AlertChange = 'fired' | 'resolved';

export interface AlertNotifier {
  notify(change: AlertChange, alert: AlertView): Promise<void>;
}

export interface WebhookOptions {
  url: string;
  /** Shown in the message and linked (APP_URL). */
  appUrl?: string | undefined;
  environment: string;
  logger: Logger;
  timeoutMs?: number;
  attempts?: number;
  /** Base of the exponential backoff between attempts. */
  backoffMs?: number;
}

const COLORS = { critical: '#d1242f', warning: '#d4a72c', resolved: '#2da44e' };

/** The Slack incoming-webhook payload (`text` + one attachment); also accepted by Mattermost and Teams' Slack-compatible hooks. */
export function slackMessage(
  change: AlertChange,
  alert: AlertView,
  context: { environment: string; appUrl?: string | undefined },
) {
  const state = change === 'fired' ? 'FIRING' : 'RESOLVED';
  const where = alert.instance === 'cluster' ? 'all processes' : alert.instance;
  const link = context.appUrl ? `${context.appUrl.replace(/\/+$/, '')}/system` : undefined;
  return {
    text: `[${state}] ${alert.summary} (${alert.severity}) — ${context.environment}, ${where}`,
    attachments: [
      {
        color: change === 'fired' ? COLORS[alert.severity] : COLORS.resolved,
        title: `${alert.summary}: ${change === 'fired' ? 'firing' : 'resolved'}`,
        ...(link ? { title_link: link } : {}),
        text: alert.description,
        fields: [
          { title: 'Severity', value: alert.severity, short: true },
          { title: 'Instance', value: where, short: true },
          { title: 'Value', value: formatNumber(alert.value), short: true },
          { title: 'Threshold', value: formatNumber(alert.threshold), short: true },
          { title: 'Active since', value: alert.activeSince, short: true },
          ...(alert.resolvedAt ? [{ title: 'Resolved at', value: alert.resolvedAt, short: true }] : []),
        ],
        footer: `Sentia ${context.environment}`,
        ts: Math.floor(Date.parse(alert.resolvedAt ?? alert.firedAt) / 1000),
      },
    ],
  };
}

/**
 * Posts Slack-compatible JSON to ALERT_WEBHOOK_URL when an alert fires or resolves. Each attempt
 * times out after 5 s; failures are retried with exponential backoff and jitter (honouring
 * Retry-After), except 4xx answers other than 429, which retrying cannot fix. Delivery is at least
 * once: the receiver may see a repeat after a timeout that in fact arrived.
 */
export function createWebhookNotifier(options: WebhookOptions): AlertNotifier {
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const backoffMs = options.backoffMs ?? 1_000;
  return {
    async notify(change, alert) {
      const body = JSON.stringify(slackMessage(change, alert, options));
      for (let attempt = 1; attempt <= attempts; attempt++) {
        let retryAfterMs: number | null = null;
        try {
          const response = await fetch(options.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.body?.cancel();
          if (response.ok) return;
          if (response.status !== 429 && response.status < 500) {
            options.logger.error(
              { status: response.status, alert: alert.name, change },
              'the alert webhook refused the notification; check ALERT_WEBHOOK_URL',
            );
            return;
          }
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
          options.logger.warn({ status: response.status, attempt }, 'alert webhook answered an error');
        } catch (error) {
          options.logger.warn({ err: error, attempt }, 'alert webhook not reachable');
        }
        if (attempt < attempts) {
          const delay = retryAfterMs ?? backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random());
          await new Promise((r) => setTimeout(r, Math.min(delay, 30_000)));
        }
      }
      options.logger.error({ alert: alert.name, change }, 'alert notification not delivered');
    },
  };
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
