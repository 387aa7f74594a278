import { forecast } from '@sentia/domain';
import { describe, expect, it } from 'vitest';
import { fitInWorkers } from './fit-pool';

function seasonal(n: number, level: number): Float64Array {
  return Float64Array.from(
    { length: n },
    (_, t) => level * (1 + 0.01 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)),
  );
}

describe('fitInWorkers', () => {
  it('fits every series on worker threads, in task order, as the engine would on this thread', async () => {
    const tasks = [10, 200, 35].map((level, id) => ({
      id,
      y: seasonal(40, level),
      period: 12,
      horizon: 6,
      backtest: { origins: 2, step: 1, horizon: 3 },
    }));
    const progress: number[] = [];
    const results = await fitInWorkers(tasks, { threads: 2, onProgress: (done) => progress.push(done) });
    expect(results.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(progress).toEqual([1, 2, 3]);
    const local = forecast({
      y: tasks[1]!.y,
      period: 12,
      horizon: 6,
      options: { backtest: { origins: 2, step: 1, horizon: 3 } },
    });
    expect(Array.from(results[1]!.mean)).toEqual(Array.from(local.mean));
    expect(results[1]!.model).toBe(local.model);
    expect(results[1]!.backtest?.smape).toBeCloseTo(local.backtest!.smape, 12);
    expect(results[1]!.seasonalIndex).toHaveLength(6);
    // The caller's histories are left intact (the workers got copies).
    expect(tasks[0]!.y).toHaveLength(40);
  });

  it('resolves at once with nothing to fit', async () => {
    await expect(fitInWorkers([], { threads: 2 })).resolves.toEqual([]);
  });
});
