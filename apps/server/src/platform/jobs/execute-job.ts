import { type Database, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import type { Logger } from '../logger';
import { type JobDefinition, type JobProgress, PermanentJobError } from './job-definition';

export interface JobExecutionContext {
  db: Database;
  logger: Logger;
  /** Metrics, traces, live-update events and error reports of each attempt (see telemetry/job-observer.ts). */
  jobObserver?: JobObserver;
}

export interface JobObserver {
  attemptStarted(job: { name: string; queue: string; attempt: number }): JobAttemptObservation;
}

export interface JobAttemptObservation {
  progress(progress: JobProgress): void;
  /** `final`: a failure after which the job is not retried (permanent, or its last attempt). */
  finished(outcome: 'succeeded' | 'failed' | 'skipped', error?: unknown, final?: boolean): void;
}

export type JobOutcome = { status: 'succeeded'; result: unknown } | { status: 'skipped'; reason: string };

/**
 * Runs one attempt of a job, the same way under BullMQ and in-process: validates the payload,
 * honours the idempotency key through the `job_runs` table, and records the outcome.
 */
export async function executeJob<Ctx extends JobExecutionContext>(
  definition: JobDefinition<Ctx>,
  rawPayload: unknown,
  options: { ctx: Ctx; attempt: number; reportProgress(progress: JobProgress): Promise<void> },
): Promise<JobOutcome> {
  const parsed = definition.payload.safeParse(rawPayload);
  if (!parsed.success) {
    throw new PermanentJobError(`invalid payload for ${definition.name}: ${parsed.error.message}`);
  }
  const payload = parsed.data;
  const { db, logger } = options.ctx;
  const key = definition.idempotencyKey?.(payload);
  const log = logger.child({ job: definition.name, attempt: options.attempt, idempotencyKey: key });
  const observation = options.ctx.jobObserver?.attemptStarted({
    name: definition.name,
    queue: definition.queue,
    attempt: options.attempt,
  });

  if (key) {
    const claimed = await db
      .insert(schema.jobRuns)
      .values({ idempotencyKey: key, name: definition.name, status: 'running', attempts: 1 })
      .onConflictDoUpdate({
        target: schema.jobRuns.idempotencyKey,
        set: {
          status: 'running',
          attempts: sql`${schema.jobRuns.attempts} + 1`,
          error: null,
          startedAt: sql`now()`,
          finishedAt: null,
        },
        setWhere: sql`${schema.jobRuns.status} <> 'succeeded'`,
      })
      .returning({ key: schema.jobRuns.idempotencyKey });
    if (claimed.length === 0) {
      log.info('job already succeeded for this idempotency key; skipped');
      observation?.finished('skipped');
      return { status: 'skipped', reason: 'already succeeded' };
    }
  }

  const started = performance.now();
  try {
    const result = await definition.handler(payload, {
      ctx: options.ctx,
      attempt: options.attempt,
      reportProgress: (progress) => {
        observation?.progress(progress);
        return options.reportProgress(progress);
      },
    });
    if (key) {
      await db
        .update(schema.jobRuns)
        .set({ status: 'succeeded', result: toJson(result), finishedAt: sql`now()` })
        .where(eq(schema.jobRuns.idempotencyKey, key));
    }
    log.info({ durationMs: Math.round(performance.now() - started) }, 'job succeeded');
    observation?.finished('succeeded');
    return { status: 'succeeded', result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (key) {
      await db
        .update(schema.jobRuns)
        .set({ status: 'failed', error: message.slice(0, 2000), finishedAt: sql`now()` })
        .where(eq(schema.jobRuns.idempotencyKey, key))
        .catch(() => {});
    }
    log.warn({ err: error, durationMs: Math.round(performance.now() - started) }, 'job attempt failed');
    const final = error instanceof PermanentJobError || options.attempt >= definition.attempts;
    observation?.finished('failed', error, final);
    throw error;
  }
}

function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return null;
  }
}
