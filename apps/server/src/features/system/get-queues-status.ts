import type { QueuesStatusResponse } from '@sentia/contracts';
import type { AppContext } from '../../context';
import { withTimeout } from '../../platform/redis';
import { QUEUE_BACKLOG_THRESHOLD } from '../alerts/alert-rules';
import { BOARD_PATH } from '../queues/queue-board';
import { queueExtras } from '../queues/queue-extras';

/** Per queue: waiting, active, delayed, failed, completed and the oldest waiting job's age. */
export async function getQueuesStatus(
  ctx: Pick<AppContext, 'jobs' | 'redis' | 'config'>,
): Promise<QueuesStatusResponse> {
  try {
    const queues = await withTimeout(ctx.jobs.counts(), 2_000, 'the queues did not answer in time');
    // Completed in the last hour and workers connected, per queue (features/queues).
    const extras = await withTimeout(queueExtras(ctx), 2_000, 'the queues did not answer in time');
    const waiting = queues.reduce((sum, q) => sum + q.waiting, 0);
    return {
      kind: ctx.jobs.kind,
      state: waiting > QUEUE_BACKLOG_THRESHOLD ? 'backlog' : 'ok',
      queues: queues.map((q) => ({ ...q, ...extras.get(q.queue) })),
      board: ctx.jobs.kind === 'bullmq' ? BOARD_PATH : null,
      ...(waiting > QUEUE_BACKLOG_THRESHOLD
        ? { detail: `${waiting} jobs waiting (alert threshold ${QUEUE_BACKLOG_THRESHOLD})` }
        : {}),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreachable';
    return {
      kind: ctx.jobs.kind,
      state: 'down',
      queues: [],
      detail: message.replace(/\w+:\/\/\S+/g, '[url]').slice(0, 200),
    };
  }
}
