import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FitResult, FitTask, WorkerReply } from './fit-protocol';

/**
 * Where the worker script is: beside this module when running from source (tests, via tsx), or in the
 * bundle's output (every server entry point is bundled into dist/, the worker into
 * dist/features/forecasts/ by build.mjs).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./features/forecasts/fit-worker.js', here));
  // From source (tests): register tsx's loader in the thread (its ESM build sits beside the CommonJS
  // one require resolves), then load the TypeScript worker.
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const script = new URL('./fit-worker.ts', here).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`,
    { eval: true },
  );
}

/** Worker threads for a run: the configured number, else all cores but one (at least one). */
export function fitThreads(configured: number | undefined): number {
  return configured ?? Math.max(1, availableParallelism() - 1);
}

/**
 * Fits the series on `threads` worker threads, handing each thread the next series as it finishes one,
 * and resolves with the results in task order (a task's `id` is replaced by its position). The threads end with the batch; a thread that dies
 * fails the batch (the job is retried).
 */
export async function fitInWorkers(
  tasks: readonly FitTask[],
  options: { threads: number; onProgress?: (done: number, total: number) => void; signal?: AbortSignal },
): Promise<FitResult[]> {
  const results = new Array<FitResult | undefined>(tasks.length);
  if (tasks.length === 0) return [];
  const count = Math.max(1, Math.min(options.threads, tasks.length));
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      options.signal?.addEventListener('abort', () => fail(new Error('forecast fitting was cancelled')), {
        once: true,
      });
      const feed = (worker: Worker) => {
        if (failed || next >= tasks.length) return;
        const index = next++;
        const task = tasks[index]!;
        // Copy: the caller keeps its history, the worker gets its own transferable buffer.
        const y = Float64Array.from(task.y);
        worker.postMessage({ ...task, id: index, y } satisfies FitTask, [y.buffer as ArrayBuffer]);
      };
      for (let i = 0; i < count; i++) {
        const worker = startWorker();
        workers.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          if (!reply.ok) return fail(new Error(`fitting series ${reply.id} failed: ${reply.error}`));
          results[reply.result.id] = reply.result;
          done++;
          options.onProgress?.(done, tasks.length);
          if (done === tasks.length) resolve();
          else feed(worker);
        });
        worker.on('error', (error) => fail(error));
        worker.on('exit', (code) => {
          if (code !== 0 && done < tasks.length)
            fail(new Error(`a forecast worker thread exited with code ${code}`));
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.map((r, i) => {
    if (!r) throw new Error(`series ${i} was not fitted`);
    return r;
  });
}
