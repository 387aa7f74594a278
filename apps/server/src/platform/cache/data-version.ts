import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logger';
import type { AppCache } from './app-cache';

/**
 * Call after anything that changes what the dashboard shows — a sync or import finished, forecasts
 * or plans recomputed, analytics refreshed, a setting changed: every cached API response and
 * computed result becomes stale at once (on every replica), and browsers are told to refetch
 * (`data.changed` over /api/events). `reason` names the change (`imports.csv`, `analytics.refresh`).
 */
export async function bumpDataVersion(
  ctx: { cache: AppCache; events: EventBus; logger: Logger },
  reason: string,
): Promise<void> {
  try {
    await ctx.cache.bumpDataVersion();
  } catch (error) {
    // Entries then live out their TTL (REDIS_CACHE_TTL); say so rather than fail the data change.
    ctx.logger.error({ err: error, reason }, 'could not invalidate the cache after a data change');
  }
  await ctx.events.publish({ type: 'data.changed', data: { reason } });
}
