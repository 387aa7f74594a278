import { Queue } from 'bullmq';
import type { AppContext } from '../../context';
import type { JobDefinition } from '../../platform/jobs/job-definition';
import type { ConnectorDefinition } from './connector';
import { scheduledSyncJob } from './jobs';
import { CONNECTORS } from './registry';

export interface ScheduleInfo {
  connector: string;
  everyMs: number;
  /** When the next scheduled run is due; null when the connector is not scheduled. */
  nextRunAt: Date | null;
}

/**
 * Keeps the scheduled syncs in line with configuration: a configured connector (or sandbox) is
 * scheduled at its period, one that is not is never scheduled. In server mode the schedules are
 * BullMQ job schedulers kept in Redis — BullMQ creates one job per period and exactly one worker
 * takes it, however many workers run, and any replica may reconcile. In embedded mode an
 * in-process timer enqueues the same `sync.scheduled` job. Reconciled at start-up and whenever
 * credentials or the sandbox switch change.
 */
export interface SyncScheduler {
  readonly kind: 'bullmq' | 'in-process';
  reconcile(ctx: AppContext): Promise<ScheduleInfo[]>;
  schedules(): Promise<ScheduleInfo[]>;
  close(): Promise<void>;
}

export interface SchedulerOptions {
  connectors?: readonly ConnectorDefinition[];
  /** Tests shorten the periods. */
  everyMs?(connector: ConnectorDefinition): number;
}

const schedulers = new WeakMap<object, SyncScheduler>();

/** The scheduler of this context's job queue (one per process and queue). */
export function syncSchedulerFor(ctx: AppContext, options: SchedulerOptions = {}): SyncScheduler {
  let scheduler = schedulers.get(ctx.jobs);
  if (!scheduler) {
    scheduler =
      ctx.jobs.kind === 'bullmq' && ctx.redis
        ? new BullmqSyncScheduler(
            new Queue('sync', { connection: ctx.redis, prefix: ctx.config.QUEUE_PREFIX }),
            options,
          )
        : new InProcessSyncScheduler(options);
    schedulers.set(ctx.jobs, scheduler);
  }
  return scheduler;
}

async function wanted(ctx: AppContext, connectors: readonly ConnectorDefinition[]) {
  return Promise.all(
    connectors.map(async (c) => ({
      connector: c,
      scheduled: (await c.configuration(ctx)).state !== 'not_configured',
    })),
  );
}

const schedulerId = (connector: string) => `sync.scheduled:${connector}`;

export class BullmqSyncScheduler implements SyncScheduler {
  readonly kind = 'bullmq';
  constructor(
    private readonly queue: Queue,
    private readonly options: SchedulerOptions,
  ) {}

  private get connectors() {
    return this.options.connectors ?? CONNECTORS;
  }

  async reconcile(ctx: AppContext): Promise<ScheduleInfo[]> {
    const definition = scheduledSyncJob as unknown as JobDefinition<AppContext>;
    for (const { connector, scheduled } of await wanted(ctx, this.connectors)) {
      if (scheduled) {
        await this.queue.upsertJobScheduler(
          schedulerId(connector.name),
          { every: this.options.everyMs?.(connector) ?? connector.schedule.everyMs },
          {
            name: definition.name,
            data: { version: definition.version, payload: { connector: connector.name } },
            opts: {
              attempts: definition.attempts,
              removeOnComplete: { age: 24 * 3600, count: 1000 },
              removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
            },
          },
        );
      } else {
        await this.queue.removeJobScheduler(schedulerId(connector.name));
      }
    }
    return this.schedules();
  }

  async schedules(): Promise<ScheduleInfo[]> {
    return Promise.all(
      this.connectors.map(async (c) => {
        const found = await this.queue.getJobScheduler(schedulerId(c.name));
        return {
          connector: c.name,
          everyMs: found?.every ?? this.options.everyMs?.(c) ?? c.schedule.everyMs,
          nextRunAt: found?.next ? new Date(found.next) : null,
        };
      }),
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** Embedded mode: one process, so a timer per connector is "once per period" by construction. */
export class InProcessSyncScheduler implements SyncScheduler {
  readonly kind = 'in-process';
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; everyMs: number; next: number }>();

  constructor(private readonly options: SchedulerOptions) {}

  private get connectors() {
    return this.options.connectors ?? CONNECTORS;
  }

  async reconcile(ctx: AppContext): Promise<ScheduleInfo[]> {
    for (const { connector, scheduled } of await wanted(ctx, this.connectors)) {
      const everyMs = this.options.everyMs?.(connector) ?? connector.schedule.everyMs;
      const current = this.timers.get(connector.name);
      if (!scheduled || current?.everyMs !== everyMs) {
        if (current) clearInterval(current.timer);
        this.timers.delete(connector.name);
      }
      if (scheduled && !this.timers.has(connector.name)) {
        const entry = {
          everyMs,
          next: Date.now() + everyMs,
          timer: setInterval(() => {
            entry.next = Date.now() + everyMs;
            ctx.jobs
              .enqueue(scheduledSyncJob, { connector: connector.name })
              .catch((error) =>
                ctx.logger.warn(
                  { err: error, connector: connector.name },
                  'could not queue a scheduled sync',
                ),
              );
          }, everyMs),
        };
        entry.timer.unref();
        this.timers.set(connector.name, entry);
      }
    }
    return this.schedules();
  }

  async schedules(): Promise<ScheduleInfo[]> {
    return this.connectors.map((c) => {
      const entry = this.timers.get(c.name);
      return {
        connector: c.name,
        everyMs: entry?.everyMs ?? this.options.everyMs?.(c) ?? c.schedule.everyMs,
        nextRunAt: entry ? new Date(entry.next) : null,
      };
    });
  }

  async close(): Promise<void> {
    for (const { timer } of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }
}
