import { z } from 'zod';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { defineJob, type JobProgress } from '../../platform/jobs/job-definition';
import { enqueueSalesRefreshIfStale } from '../analytics/jobs';
import { markImportCrashed } from './import-outcome';
import { runImport } from './run-import';

const ATTEMPTS = 3;

/**
 * Runs an uploaded import on the worker (`imports` queue). Progress goes to the job and to the
 * `import_runs` row the page polls. A retry after a crash starts the file again from the top: the
 * transaction of the failed attempt left nothing behind. When the last attempt fails the import is
 * marked failed, so it is never left "importing".
 */
export const runImportJob = defineJob({
  name: 'imports.run',
  version: 1,
  queue: 'imports',
  payload: z.object({ importId: z.uuid() }),
  attempts: ATTEMPTS,
  backoffMs: 5_000,
  idempotencyKey: (p) => `imports.run:${p.importId}`,
  handler: async (
    payload,
    {
      ctx,
      attempt,
      reportProgress,
    }: { ctx: AppContext; attempt: number; reportProgress: (p: JobProgress) => Promise<void> },
  ) => {
    try {
      const outcome = await runImport({ db: ctx.db, databaseKind: ctx.database.kind }, payload.importId, {
        onProgress: (p) => {
          void reportProgress({ percent: p.percent, done: p.rowsRead }).catch(() => {});
        },
      });
      if (outcome?.status === 'succeeded' && outcome.counts.recordsWritten > 0) {
        await bumpDataVersion(ctx, 'imports');
        await enqueueSalesRefreshIfStale(ctx).catch((error) =>
          ctx.logger.warn({ err: error }, 'could not queue the sales refresh after an import'),
        );
      }
      return outcome
        ? { status: outcome.status, ...outcome.counts, errorCount: outcome.errorCount }
        : { status: 'already finished' };
    } catch (error) {
      if (attempt >= ATTEMPTS) {
        const reason = error instanceof Error ? error.message : String(error);
        await markImportCrashed(
          ctx.db,
          [payload.importId],
          `The import failed unexpectedly: ${reason}`,
        ).catch(() => {});
      }
      throw error;
    }
  },
});
