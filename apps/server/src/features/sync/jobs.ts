import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { defineJob, PermanentJobError } from '../../platform/jobs/job-definition';
import { clearRunRequest, recordSyncFailure } from './connector-state';
import { findConnector } from './registry';
import { runSync } from './run-sync';

/**
 * With the 15 s exponential backoff the attempts start 15 s, 45 s, 105 s and 225 s after the first
 * failed one, so a run rides out a service outage of a few minutes (each attempt resumes from the
 * stored cursor). Three attempts gave up after about a minute: in the reliability drill with a
 * one-minute run of 429s and 5xx (RELIABILITY_FAULT_SECONDS=60) the last one started just as it ended.
 */
export const SYNC_ATTEMPTS = 5;

/**
 * One sync run asked for by a person ("sync now") or a webhook catch-up. The run id is chosen when
 * it is requested, so the page can follow it; it is also the idempotency key, so a run is never
 * done twice. Failed attempts retry with backoff and resume from the stored cursor.
 */
export const syncRunJob = defineJob({
  name: 'sync.run',
  version: 1,
  queue: 'sync',
  payload: z.object({
    connector: z.string().min(1).max(50),
    runId: z.uuid(),
    mode: z.enum(['full', 'incremental']),
    trigger: z.enum(['manual', 'webhook', 'schedule']),
    requestedBy: z.uuid().nullable().default(null),
  }),
  attempts: SYNC_ATTEMPTS,
  backoffMs: 15_000,
  idempotencyKey: (p) => `sync.run:${p.runId}`,
  handler: async (payload, { ctx, attempt, reportProgress }: JobContext) => {
    const connector = findConnector(payload.connector);
    if (!connector) throw new PermanentJobError(`no connector named ${payload.connector}`);
    const configuration = await connector.configuration(ctx);
    if (configuration.state === 'not_configured') {
      // The page must not show it queued forever: the reason goes where the page looks.
      await clearRunRequest(ctx.db, connector.name, payload.runId);
      await recordSyncFailure(ctx.db, connector.name, `not configured: ${configuration.detail}`);
      throw new PermanentJobError(`${connector.label} is not configured: ${configuration.detail}`);
    }
    return runSync(ctx, {
      connector,
      runId: payload.runId,
      mode: payload.mode,
      trigger: payload.trigger,
      requestedBy: payload.requestedBy,
      finalAttempt: attempt >= SYNC_ATTEMPTS,
      reportProgress,
    });
  },
});

/**
 * The scheduled incremental sync of one connector (BullMQ job scheduler in server mode, the
 * in-process scheduler in embedded mode). It does nothing in maintenance mode, for a connector
 * that is no longer configured, or while another run of the connector is under way. It is not
 * retried: the next period is the retry.
 */
export const scheduledSyncJob = defineJob({
  name: 'sync.scheduled',
  version: 1,
  queue: 'sync',
  payload: z.object({ connector: z.string().min(1).max(50) }),
  attempts: 1,
  backoffMs: 1_000,
  handler: async (payload, { ctx, reportProgress }: JobContext) => {
    const connector = findConnector(payload.connector);
    if (!connector) return { status: 'skipped', reason: `no connector named ${payload.connector}` };
    if ((await ctx.maintenance.current()).enabled) {
      ctx.logger.info({ connector: connector.name }, 'scheduled sync paused: maintenance mode');
      return { status: 'skipped', reason: 'maintenance mode' };
    }
    const configuration = await connector.configuration(ctx);
    if (configuration.state === 'not_configured') return { status: 'skipped', reason: 'not configured' };
    return runSync(ctx, {
      connector,
      runId: randomUUID(),
      mode: 'incremental',
      trigger: 'schedule',
      reportProgress,
    });
  },
});

interface JobContext {
  ctx: AppContext;
  attempt: number;
  reportProgress(progress: { percent?: number; done?: number; message?: string }): Promise<void>;
}
