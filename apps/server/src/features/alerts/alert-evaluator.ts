import type { AlertView } from '@sentia/contracts';
import type { EventBus } from '../../platform/events/event-bus';
import type { Logger } from '../../platform/logger';
import type { AlertRule, AlertSignals } from './alert-rules';
import type { AlertStore } from './alert-store';
import type { AlertChange, AlertNotifier } from './webhook-notifier';

/** An open alert nobody has confirmed for this long is resolved (its process stopped or restarted). */
export const STALE_AFTER_SECONDS = 5 * 60;
export const EVALUATION_INTERVAL_MS = 15_000;

export interface AlertEvaluatorOptions {
  rules: readonly AlertRule[];
  signals: () => Promise<AlertSignals>;
  store: AlertStore;
  notifier: AlertNotifier | null;
  events: EventBus;
  logger: Logger;
  /** This process, as named in alerts (`web@host:pid`). */
  instance: string;
  now?: () => number;
}

/**
 * Evaluates the alert rules the way Prometheus does: a rule whose condition holds becomes pending,
 * and fires once it has held for the rule's duration; it resolves when the condition clears. Pending
 * state is per process (like each Prometheus server's); firing and resolving go through the store,
 * whose single-statement transitions decide which replica notifies, so each change is announced once.
 */
export class AlertEvaluator {
  private readonly pendingSince = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private lastFailure = 0;

  constructor(private readonly options: AlertEvaluatorOptions) {}

  start(intervalMs = EVALUATION_INTERVAL_MS): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .catch((error: unknown) => {
          if (Date.now() - this.lastFailure > 60_000) {
            this.lastFailure = Date.now();
            this.options.logger.warn({ err: error }, 'alert evaluation failed');
          }
        })
        .finally(() => {
          this.running = null;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One evaluation of every rule. */
  async tick(): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    const signals = await this.options.signals();
    const { store } = this.options;
    for (const rule of this.options.rules) {
      const value = rule.measure(signals);
      if (value === null) continue;
      const instance = rule.scope === 'cluster' ? 'cluster' : this.options.instance;
      if (value > rule.threshold) {
        const since = this.pendingSince.get(rule.name) ?? now;
        this.pendingSince.set(rule.name, since);
        if (now - since < rule.forSeconds * 1000) continue;
        const opened = await store.open({
          name: rule.name,
          instance,
          severity: rule.severity,
          summary: rule.summary,
          description: rule.describe(value),
          value,
          threshold: rule.threshold,
          activeSince: new Date(since),
        });
        if (opened) await this.announce('fired', opened);
        else await store.touch(rule.name, instance, value, rule.describe(value));
      } else {
        this.pendingSince.delete(rule.name);
        const resolved = await store.resolve(rule.name, instance);
        if (resolved) await this.announce('resolved', resolved);
      }
    }
    for (const stale of await store.resolveStale(STALE_AFTER_SECONDS)) {
      await this.announce('resolved', {
        ...stale,
        description: `${stale.description} Resolved because its process stopped reporting.`,
      });
    }
  }

  private async announce(change: AlertChange, alert: AlertView): Promise<void> {
    this.options.logger[change === 'fired' ? 'error' : 'info'](
      { alert: alert.name, instance: alert.instance, value: alert.value, threshold: alert.threshold },
      `alert ${change}: ${alert.summary}`,
    );
    await this.options.events.publish({
      type: change === 'fired' ? 'alert.fired' : 'alert.resolved',
      data: { name: alert.name, summary: alert.summary, severity: alert.severity, instance: alert.instance },
      permission: 'read:system',
    });
    await this.options.notifier?.notify(change, alert);
  }
}
