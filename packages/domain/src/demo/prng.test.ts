import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, mulberry32 } from './prng';

describe('seeded PRNG', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('derives independent streams per label', () => {
    expect(deriveSeed(1, 'fx')).not.toBe(deriveSeed(1, 'sales'));
    expect(createRng(1, 'fx').next()).toBe(createRng(1, 'fx').next());
  });

  it('draws Poisson counts and normal values with the right means', () => {
    const rng = createRng(7);
    const n = 20_000;
    let small = 0;
    let large = 0;
    let normal = 0;
    for (let i = 0; i < n; i++) {
      small += rng.poisson(2.5);
      large += rng.poisson(80);
      normal += rng.normal(10, 2);
    }
    expect(small / n).toBeCloseTo(2.5, 1);
    expect(large / n).toBeGreaterThan(79);
    expect(large / n).toBeLessThan(81);
    expect(normal / n).toBeCloseTo(10, 1);
  });

  it('draws by weight and never picks a zero weight', () => {
    const rng = createRng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 10_000; i++) counts[rng.weighted([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.6);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.4);
  });
});
