import type { z } from 'zod';

export type QueueName = 'analytics' | 'sync' | 'imports' | 'maintenance';
export const QUEUE_NAMES: readonly QueueName[] = ['analytics', 'sync', 'imports', 'maintenance'];

export interface JobProgress {
  /** 0–100, when the total is known. */
  percent?: number;
  done?: number;
  total?: number;
  message?: string;
}

/** What a job handler receives beside its payload: the application context and its own run. */
export interface JobRun<Ctx> {
  ctx: Ctx;
  /** 1 on the first attempt. */
  attempt: number;
  reportProgress(progress: JobProgress): Promise<void>;
}

/**
 * A job as data: a name, a version, a payload schema (ids and parameters, never secrets), a
 * handler that calls the same use case a route would, a retry policy, and an optional
 * idempotency key. BullMQ and the in-process runner execute the same definitions.
 */
export interface JobDefinition<Ctx, Schema extends z.ZodType = z.ZodType, Result = unknown> {
  name: string;
  version: number;
  queue: QueueName;
  payload: Schema;
  /** Total attempts including the first; retries back off exponentially from `backoffMs`. */
  attempts: number;
  backoffMs: number;
  /**
   * Jobs with the same key run once: a second enqueue while one is pending is ignored, and a key
   * that already succeeded is not run again.
   */
  idempotencyKey?(payload: z.output<Schema>): string;
  handler(payload: z.output<Schema>, run: JobRun<Ctx>): Promise<Result>;
}

export function defineJob<Ctx, Schema extends z.ZodType, Result>(
  definition: JobDefinition<Ctx, Schema, Result>,
): JobDefinition<Ctx, Schema, Result> {
  return definition;
}

/** Thrown by a handler when retrying cannot help (bad payload, missing record): no further attempts. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface EnqueueResult {
  id: string;
  /** False when an identical job (same idempotency key) was already pending or done. */
  enqueued: boolean;
}

export interface QueueCounts {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  oldestWaitingSeconds: number | null;
}

/** Producer side: what web processes and handlers use to start work. */
export interface JobQueue<Ctx> {
  readonly kind: 'bullmq' | 'in-process';
  enqueue<S extends z.ZodType>(
    definition: JobDefinition<Ctx, S>,
    payload: z.input<S>,
  ): Promise<EnqueueResult>;
  counts(): Promise<QueueCounts[]>;
  /** Resolves when nothing is waiting or running (in-process) — for start-up sequencing and tests. */
  close(): Promise<void>;
}

/** Consumer side: what worker processes run. */
export interface JobWorker {
  start(): Promise<void>;
  /** Stops taking jobs and waits for active ones to finish (or returns them to the queue). */
  close(): Promise<void>;
}

export function backoffDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}
