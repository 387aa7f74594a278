import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random';

describe('SeededRandom', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const xs = [a.uniform(), a.uniform(), a.uniform()];
    expect([b.uniform(), b.uniform(), b.uniform()]).toEqual(xs);
    expect(c.uniform()).not.toBe(xs[0]);
  });

  it('draws uniformly on (0, 1)', () => {
    const rng = new SeededRandom(1);
    const bins = new Array(10).fill(0);
    const n = 100000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u > 0 && u < 1).toBe(true);
      bins[Math.floor(u * 10)]++;
    }
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(500);
  });
});
