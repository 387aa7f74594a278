import { Queue } from 'bullmq';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { forecastScheduleJob } from './jobs';

/** Milliseconds from `now` to the next `HH:MM` UTC. */
export function msUntilNext(at: string, now: Date): number {
  const [hours, minutes] = at.split(':').map(Number) as [number, number];
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes);
  return next > now.getTime() ? next - now.getTime() : next + 86_400_000 - now.getTime();
}

/** After a start, a check for periods that ended while the process was down. */
export const CATCH_UP_DELAY_MS = 60_000;

export const SCHEDULER_ID = 'forecasts-nightly';

/**
 * The nightly forecast check (FORECAST_SCHEDULE, HH:MM UTC). With BullMQ it is a job scheduler in
 * Redis — upserted by every web process, idempotent, and run once per day by one worker however many
 * replicas there are. In-process (embedded mode) it is a timer in this, the only, process. Either way
 * a check also runs shortly after start, and it queues runs only for figures that changed.
 */
export function registerForecastSchedule(app: ApiServer, ctx: AppContext): void {
  const at = ctx.config.FORECAST_SCHEDULE;
  if (at === 'off') return;
  const timers = new Set<NodeJS.Timeout>();
  const tick = () => {
    ctx.jobs.enqueue(forecastScheduleJob, {}).catch((error) => {
      ctx.logger.warn({ err: error }, 'could not queue the forecast schedule check');
    });
  };
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    timers.add(timer);
  };
  const nightly = () => {
    later(msUntilNext(at, new Date()), () => {
      tick();
      nightly();
    });
  };

  app.addHook('onReady', async () => {
    later(CATCH_UP_DELAY_MS, tick);
    if (ctx.jobs.kind === 'bullmq' && ctx.redis) {
      // Not awaited: with Redis unreachable this waits for it, and start-up must not.
      void upsertScheduler(ctx, at).catch((error) => {
        ctx.logger.warn({ err: error }, 'could not register the nightly forecast schedule in Redis');
      });
    } else {
      nightly();
    }
  });
  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });
}

/** On the queue the job queue writes to: QUEUE_PREFIX, the prefix context.ts gives BullMQ. */
async function upsertScheduler(ctx: AppContext, at: string): Promise<void> {
  const [hours, minutes] = at.split(':').map(Number) as [number, number];
  const queue = new Queue(forecastScheduleJob.queue, {
    connection: ctx.redis!,
    prefix: ctx.config.QUEUE_PREFIX,
  });
  try {
    await queue.upsertJobScheduler(
      SCHEDULER_ID,
      { pattern: `${minutes} ${hours} * * *`, tz: 'UTC' },
      {
        name: forecastScheduleJob.name,
        // The envelope BullmqJobQueue writes, so the worker runs it like any enqueued job.
        data: { version: forecastScheduleJob.version, payload: {} },
        opts: {
          attempts: forecastScheduleJob.attempts,
          backoff: { type: 'exponential', delay: forecastScheduleJob.backoffMs },
          removeOnComplete: { age: 7 * 24 * 3600, count: 100 },
          removeOnFail: { age: 30 * 24 * 3600, count: 100 },
        },
      },
    );
  } finally {
    await queue.close();
  }
}
