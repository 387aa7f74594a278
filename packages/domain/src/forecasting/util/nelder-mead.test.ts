import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const f = (x: Float64Array) => (x[0]! - 3) ** 2 + 2 * (x[1]! + 1) ** 2 + 5;
    const result = nelderMead(f, new Float64Array([0, 0]), { tolerance: 1e-12, maxEvaluations: 2000 });
    expect(result.x[0]).toBeCloseTo(3, 4);
    expect(result.x[1]).toBeCloseTo(-1, 4);
    expect(result.value).toBeCloseTo(5, 8);
  });

  it('finds the minimum of the Rosenbrock function', () => {
    const f = (x: Float64Array) => 100 * (x[1]! - x[0]! * x[0]!) ** 2 + (1 - x[0]!) ** 2;
    const result = nelderMead(f, new Float64Array([-1.2, 1]), { tolerance: 1e-14, maxEvaluations: 5000 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });

  it('respects the evaluation budget and treats NaN as +∞', () => {
    let calls = 0;
    const f = (x: Float64Array) => {
      calls++;
      return x[0]! < 0 ? Number.NaN : (x[0]! - 2) ** 2;
    };
    const result = nelderMead(f, new Float64Array([1]), { maxEvaluations: 50 });
    expect(calls).toBeLessThanOrEqual(50);
    expect(result.evaluations).toBe(calls);
    expect(result.x[0]).toBeGreaterThanOrEqual(0);
    expect(result.x[0]).toBeCloseTo(2, 2);
  });

  it('does not modify the starting point', () => {
    const x0 = new Float64Array([4, 4]);
    nelderMead((x) => x[0]! ** 2 + x[1]! ** 2, x0);
    expect(Array.from(x0)).toEqual([4, 4]);
  });
});
