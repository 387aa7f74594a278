import { describe, expect, it } from 'vitest';
import type { MethodForecast } from '../types';
import { combineForecasts } from './combination';

function member(model: string, values: number[]): MethodForecast {
  const v = Float64Array.from(values);
  return {
    model,
    mean: v,
    lower80: v.map((x) => x - 1),
    upper80: v.map((x) => x + 1),
    lower95: v.map((x) => x - 2),
    upper95: v.map((x) => x + 2),
    params: {},
  };
}

describe('combineForecasts', () => {
  const members = [member('A', [1, 10]), member('B', [2, 40]), member('C', [6, 20])];

  it('takes the element-wise median', () => {
    const fc = combineForecasts(members, 'median');
    expect(Array.from(fc.mean)).toEqual([2, 20]);
    expect(Array.from(fc.upper95)).toEqual([4, 22]);
    expect(fc.model).toBe('median(A, B, C)');
    expect(fc.members).toHaveLength(3);
  });

  it('takes the element-wise mean', () => {
    const fc = combineForecasts(members, 'mean');
    expect(Array.from(fc.mean)).toEqual([3, 70 / 3]);
    expect(Array.from(fc.lower80)).toEqual([2, 70 / 3 - 1]);
  });

  it('takes the median of an even number of members', () => {
    const fc = combineForecasts([...members, member('D', [100, 30])], 'median');
    expect(Array.from(fc.mean)).toEqual([4, 25]);
  });

  it('needs a member', () => {
    expect(() => combineForecasts([], 'mean')).toThrow(RangeError);
  });
});
