import { schema } from '@sentia/db';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { HttpStatusError } from '../../platform/http-client/index';
import { type JobProgress, PermanentJobError } from '../../platform/jobs/job-definition';
import { enqueueSalesRefreshIfStale } from '../analytics/jobs';
import { type ConnectorDefinition, ConnectorNotConfiguredError, type SyncMode } from './connector';
import { clearRunRequest, recordSyncFailure, recordSyncSuccess } from './connector-state';
import {
  claimSyncRun,
  finishRun,
  loadCursors,
  noteAttemptFailed,
  type RunCounts,
  recordRunProgress,
  saveCursor,
  touchRun,
} from './sync-run-store';
import { writeRecords } from './write-records';

export interface RunSyncOptions {
  connector: ConnectorDefinition;
  runId: string;
  mode: SyncMode;
  /** What started it: `manual`, `schedule`, `webhook`. */
  trigger: string;
  requestedBy?: string | null;
  /** False while the job has attempts left: a failure then leaves the run claimed for the retry. */
  finalAttempt?: boolean;
  reportProgress?(progress: JobProgress): Promise<void>;
  signal?: AbortSignal;
}

export type RunSyncResult =
  | { status: 'succeeded'; runId: string; counts: RunCounts; resumedFrom: string | null }
  | { status: 'skipped'; runId: string; reason: string; activeRunId: string };

const HEARTBEAT_MS = 10_000;
/** Raw payloads are kept this long for replay and audit, then pruned after each successful run. */
export const RAW_PAYLOAD_RETENTION_DAYS = 30;
const RAW_ROWS_PER_INSERT = 500;
const KEPT_REJECTIONS = 25;

interface EntityCounts extends RunCounts {}

/**
 * One sync run of one connector: claim the connector (one run at a time; a stale run left by a
 * crashed worker is taken over), then for each page the connector yields — in one transaction —
 * keep the raw payloads, turn them into records, upsert them (natural keys; later source time
 * wins) and store the page's cursor. A crash therefore loses at most the page in flight, and the
 * next run continues from the last stored cursor: nothing is skipped, nothing is duplicated.
 */
export async function runSync(ctx: AppContext, options: RunSyncOptions): Promise<RunSyncResult> {
  const { connector, runId } = options;
  const log = ctx.logger.child({ connector: connector.name, syncRunId: runId });
  const claim = await claimSyncRun(ctx.db, {
    id: runId,
    connector: connector.name,
    mode: options.mode,
    trigger: options.trigger,
    requestedBy: options.requestedBy ?? null,
  });
  if (!claim.claimed) {
    await clearRunRequest(ctx.db, connector.name, runId);
    log.info({ activeRunId: claim.activeRunId }, 'sync skipped: another run of this connector is under way');
    return { status: 'skipped', runId, reason: 'another run is under way', activeRunId: claim.activeRunId };
  }
  await clearRunRequest(ctx.db, connector.name, runId);
  // Which process runs which sync (pino adds the pid): what an operator looks for after a crash.
  log.info({ mode: options.mode, trigger: options.trigger }, 'sync started');
  if (claim.resumedFrom) log.warn({ interrupted: claim.resumedFrom }, 'took over from an interrupted run');

  const controller = new AbortController();
  const abort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', abort, { once: true });
  const heartbeat = setInterval(() => {
    touchRun(ctx.db, runId).catch((error) => log.warn({ err: error }, 'sync heartbeat failed'));
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const counts: RunCounts = { read: 0, written: 0, rejected: 0, skipped: 0 };
  const entities: Record<string, EntityCounts> = {};
  const rejections: { entity: string; key: string; reason: string }[] = [];
  let ordersWritten = 0;
  let source: string | null = null;
  let progress = 0;
  const detail = () => ({
    source,
    sandbox: source === 'demo',
    resumedFrom: claim.resumedFrom,
    entities,
    rejections: rejections.slice(0, KEPT_REJECTIONS),
  });

  try {
    const session = await connector.open(ctx, { signal: controller.signal });
    source = session.source;
    try {
      const cursors = await loadCursors(ctx.db, connector.name);
      for await (const page of session.pages({ mode: options.mode, cursors, signal: controller.signal })) {
        const outcome = await ctx.db.transaction(async (transaction) => {
          const tx = transaction as unknown as AppContext['db'];
          for (let i = 0; i < page.payloads.length; i += RAW_ROWS_PER_INSERT) {
            await tx.insert(schema.rawPayloads).values(
              page.payloads.slice(i, i + RAW_ROWS_PER_INSERT).map((p) => ({
                connector: connector.name,
                entity: page.entity,
                externalId: p.externalId ?? null,
                syncRunId: runId,
                payload: p.payload,
              })),
            );
          }
          const converted = await connector.toRecords(
            { ...ctx, db: tx },
            page.entity,
            page.payloads.map((p) => p.payload),
          );
          const written = await writeRecords(tx, converted.records);
          if (page.cursor !== undefined) await saveCursor(tx, connector.name, page.scope, page.cursor);
          return { converted, written };
        });

        const { converted, written } = outcome;
        const entity = entities[page.entity] ?? { read: 0, written: 0, rejected: 0, skipped: 0 };
        entities[page.entity] = entity;
        const pageRejected = converted.rejections.length + written.total.rejected;
        const pageSkipped = (converted.skipped?.length ?? 0) + written.total.skipped;
        for (const c of [entity, counts]) {
          c.read += page.payloads.length;
          c.written += written.total.written;
          c.rejected += pageRejected;
          c.skipped += pageSkipped;
        }
        ordersWritten += written.byKind.orders?.written ?? 0;
        for (const r of [...converted.rejections, ...written.total.rejections]) {
          if (rejections.length >= KEPT_REJECTIONS) break;
          rejections.push({ entity: page.entity, key: r.key, reason: r.reason });
        }
        if (page.progress !== undefined) progress = Math.min(99, Math.floor(page.progress * 100));
        await recordRunProgress(ctx.db, runId, counts, progress, detail());
        await options.reportProgress?.({ percent: progress, done: counts.read, message: page.entity });
      }
    } finally {
      await session.close?.();
    }

    await recordRunProgress(ctx.db, runId, counts, 100, detail());
    await finishRun(ctx.db, runId, null);
    await recordSyncSuccess(ctx.db, connector.name);
    await ctx.db.execute(
      sql`delete from raw_payloads where connector = ${connector.name}
            and received_at < now() - make_interval(days => ${RAW_PAYLOAD_RETENTION_DAYS})`,
    );
    log.info({ ...counts }, 'sync finished');
    return { status: 'succeeded', runId, counts, resumedFrom: claim.resumedFrom };
  } catch (error) {
    const message = describeError(error);
    const permanent = isPermanent(error);
    if (permanent || (options.finalAttempt ?? true)) {
      await finishRun(ctx.db, runId, message);
      const state = await recordSyncFailure(ctx.db, connector.name, message);
      log.error(
        {
          err: error,
          ...counts,
          consecutiveFailures: state.consecutiveFailures,
          degraded: !!state.degradedSince,
        },
        'sync failed',
      );
    } else {
      await noteAttemptFailed(ctx.db, runId, `${message} (will retry)`);
      log.warn({ err: error, ...counts }, 'sync attempt failed; the job will retry from the stored cursor');
    }
    // Wrong credentials or a refused request will not improve by retrying.
    throw permanent ? new PermanentJobError(message) : error;
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', abort);
    ctx.metrics.recordSync(connector.name, counts);
    if (counts.written > 0) await bumpDataVersion(ctx, `sync.${connector.name}`);
    if (ordersWritten > 0) {
      await enqueueSalesRefreshIfStale(ctx).catch((error) =>
        log.warn({ err: error }, 'could not queue the sales analytics refresh'),
      );
    }
  }
}

function isPermanent(error: unknown): boolean {
  if (error instanceof ConnectorNotConfiguredError || error instanceof PermanentJobError) return true;
  return (
    error instanceof HttpStatusError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    error.status !== 408
  );
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Connection strings never reach the page.
  return message.replace(/\w+:\/\/[^\s@]+@\S+/g, '[url]');
}
