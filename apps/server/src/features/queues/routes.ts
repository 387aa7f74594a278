import { z } from 'zod';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { BOARD_PATH, registerQueueBoard } from './queue-board';
import { closeBullmqQueues, queueExtras } from './queue-extras';

const inProcessBoard = z.object({
  board: z.null(),
  message: z.string(),
  queues: z.array(
    z.object({
      queue: z.string(),
      waiting: z.number().int(),
      active: z.number().int(),
      delayed: z.number().int(),
      failed: z.number().int(),
      completedLastHour: z.number().int(),
    }),
  ),
});

/**
 * The admin queue board. With BullMQ it is bull-board (retry, clean) under /api/admin/queues; the
 * in-process runner of embedded mode keeps its jobs in memory and has no board, so the same path
 * says so and gives the counts.
 */
export function registerQueueRoutes(app: ApiServer, ctx: AppContext): void {
  app.addHook('onClose', async () => closeBullmqQueues(ctx));
  if (ctx.jobs.kind === 'bullmq') {
    registerQueueBoard(app, ctx);
    return;
  }
  app.get(
    BOARD_PATH,
    {
      config: { access: 'admin:queues' },
      schema: {
        // The board is bull-board's own UI in server mode (hidden from the API document too), so the
        // document stays the same in both modes.
        hide: true,
        tags: ['admin'],
        summary: 'Queue board (BullMQ deployments); in embedded mode the in-process runner’s counts',
        response: { 200: inProcessBoard },
      },
    },
    async () => {
      const [counts, extras] = await Promise.all([ctx.jobs.counts(), queueExtras(ctx)]);
      return {
        board: null,
        message:
          'Jobs run in-process (embedded mode): they live in this process’s memory, so there is no queue board. Run with REDIS_URL for BullMQ and its board.',
        queues: counts.map((c) => ({
          queue: c.queue,
          waiting: c.waiting,
          active: c.active,
          delayed: c.delayed,
          failed: c.failed,
          completedLastHour: extras.get(c.queue)?.completedLastHour ?? c.completed,
        })),
      };
    },
  );
}
