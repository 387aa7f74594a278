import { describe, expect, it } from 'vitest';
import { abcXyzMatrix, classifyAbc, classifyXyz, coefficientOfVariation } from './classification';

describe('ABC classification by revenue share', () => {
  it('classifies a hand-worked Pareto list', () => {
    // Revenue 50, 30, 10, 6, 4 (total 100). Share before each: 0, .50, .80, .90, .96.
    // A while the share before is < .80 → P1, P2; B while < .95 → P3, P4; C → P5.
    const classes = classifyAbc([
      { key: 'P3', revenue: 10 },
      { key: 'P1', revenue: 50 },
      { key: 'P5', revenue: 4 },
      { key: 'P2', revenue: 30 },
      { key: 'P4', revenue: 6 },
    ]);
    expect(Object.fromEntries(classes)).toEqual({ P1: 'A', P2: 'A', P3: 'B', P4: 'B', P5: 'C' });
  });

  it('keeps a dominant top seller in A and puts items without revenue in C', () => {
    const classes = classifyAbc([
      { key: 'big', revenue: 95 },
      { key: 'small', revenue: 5 },
      { key: 'none', revenue: 0 },
    ]);
    expect(classes.get('big')).toBe('A');
    expect(classes.get('small')).toBe('C');
    expect(classes.get('none')).toBe('C');
  });

  it('puts everything in C when nothing sold, and honours other thresholds', () => {
    expect([...classifyAbc([{ key: 'x', revenue: 0 }]).values()]).toEqual(['C']);
    const classes = classifyAbc(
      [
        { key: 'a', revenue: 60 },
        { key: 'b', revenue: 40 },
      ],
      { a: 0.5, b: 0.9 },
    );
    expect(Object.fromEntries(classes)).toEqual({ a: 'A', b: 'B' });
    expect(() => classifyAbc([], { a: 0.9, b: 0.8 })).toThrow(RangeError);
  });
});

describe('XYZ classification by coefficient of variation', () => {
  it('computes CV by hand and applies the default cut-offs', () => {
    expect(coefficientOfVariation([10, 10, 10, 10])).toBe(0);
    // Mean 10, population sd 5 → CV 0.5 → Y (not below 0.5).
    expect(coefficientOfVariation([5, 15])).toBe(0.5);
    expect(classifyXyz(0.5)).toBe('Y');
    expect(classifyXyz(0.49)).toBe('X');
    // Mean 10, sd 10 → CV 1.0 → Z.
    expect(coefficientOfVariation([0, 20])).toBe(1);
    expect(classifyXyz(1)).toBe('Z');
  });

  it('treats no demand and a single period as described', () => {
    expect(coefficientOfVariation([])).toBeNull();
    expect(coefficientOfVariation([0, 0])).toBeNull();
    expect(classifyXyz(null)).toBe('Z');
    // One period of history has no variation to measure: CV 0.
    expect(coefficientOfVariation([42])).toBe(0);
  });

  it('counts the matrix with every cell present', () => {
    const matrix = abcXyzMatrix([
      { abc: 'A', xyz: 'X' },
      { abc: 'A', xyz: 'X' },
      { abc: 'C', xyz: 'Z' },
    ]);
    expect(matrix.A.X).toBe(2);
    expect(matrix.C.Z).toBe(1);
    expect(matrix.B.Y).toBe(0);
  });
});
