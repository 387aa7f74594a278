import { hostname } from 'node:os';
import type { AppContext } from '../../context';
import { withTimeout } from '../../platform/redis';
import { AlertEvaluator } from './alert-evaluator';
import { ALERT_RULES, type AlertSignals } from './alert-rules';
import { AlertStore } from './alert-store';
import { createWebhookNotifier } from './webhook-notifier';

/** This process as alerts name it. */
export function processInstance(ctx: Pick<AppContext, 'config'>): string {
  return `${ctx.config.role}@${hostname()}:${process.pid}`;
}

/** What the rules read, from this process's own measurements and the shared queues. */
export async function readAlertSignals(
  ctx: Pick<AppContext, 'config' | 'metrics' | 'database' | 'jobs'>,
): Promise<AlertSignals> {
  const pool = ctx.database.poolStats();
  const counts = await withTimeout(ctx.jobs.counts(), 5_000, 'queue counts timed out').catch(() => null);
  return {
    http: ctx.config.role === 'worker' ? null : ctx.metrics.recentRequests.snapshot(),
    pool: { inUse: pool.total - pool.idle, max: pool.max },
    queueWaiting: counts ? counts.reduce((sum, c) => sum + c.waiting, 0) : null,
    memory: { rssBytes: process.memoryUsage.rss(), limitBytes: ctx.metrics.memoryLimitBytes },
  };
}

export function createAlertEvaluator(ctx: AppContext, now?: () => number): AlertEvaluator {
  const url = ctx.config.ALERT_WEBHOOK_URL;
  return new AlertEvaluator({
    rules: ALERT_RULES,
    signals: () => readAlertSignals(ctx),
    store: new AlertStore(ctx.db),
    notifier: url
      ? createWebhookNotifier({
          url,
          appUrl: ctx.config.APP_URL,
          environment: ctx.config.NODE_ENV,
          logger: ctx.logger,
        })
      : null,
    events: ctx.events,
    logger: ctx.logger,
    instance: processInstance(ctx),
    ...(now ? { now } : {}),
  });
}

/** Every process evaluates the rules every 15 s (web, worker and the embedded all-in-one). */
export function startAlertEvaluator(ctx: AppContext): { stop(): Promise<void> } {
  const evaluator = createAlertEvaluator(ctx);
  evaluator.start();
  return { stop: () => evaluator.stop() };
}
