/**
 * Worker-thread entry: fits the series it is sent, one message at a time, so model fitting never
 * runs on the thread that serves HTTP requests (or, in embedded mode, runs the database).
 * Built as its own file (dist/features/forecasts/fit-worker.js); see fit-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { FitTask, WorkerReply } from './fit-protocol';
import { fitSeries } from './fit-series';

if (!parentPort) throw new Error('fit-worker.ts runs only as a worker thread');
const port = parentPort;

port.on('message', (task: FitTask) => {
  let reply: WorkerReply;
  try {
    reply = { ok: true, result: fitSeries(task) };
  } catch (error) {
    reply = { ok: false, id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  const transfer =
    reply.ok === true
      ? [
          reply.result.mean,
          reply.result.lower80,
          reply.result.upper80,
          reply.result.lower95,
          reply.result.upper95,
          reply.result.seasonalIndex,
        ].map((a) => a.buffer as ArrayBuffer)
      : [];
  port.postMessage(reply, transfer);
});
