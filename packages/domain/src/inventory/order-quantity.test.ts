import { describe, expect, it } from 'vitest';
import { economicOrderQuantity, orderableQuantity } from './order-quantity';

describe('economic order quantity', () => {
  it('reproduces textbook cases', () => {
    // Chopra & Meindl (lot sizing for a single product, the Best Buy computers example): 1,000 units a
    // month → D = 12,000/year, S = $4,000 an order, h = 20 % × $500 = $100 → Q* = √(2·12,000·4,000/100) = 980.
    expect(economicOrderQuantity(12_000, 4000, 100)).toBeCloseTo(979.8, 1);
    // Hand-worked: D = 1,200, K = 100, h = 6 → √40,000 = 200.
    expect(economicOrderQuantity(1200, 100, 6)).toBe(200);
  });

  it('orders nothing without demand and has no finite optimum when holding is free', () => {
    expect(economicOrderQuantity(0, 100, 6)).toBe(0);
    expect(economicOrderQuantity(1200, 100, 0)).toBeNull();
    expect(() => economicOrderQuantity(-1, 100, 6)).toThrow(RangeError);
  });
});

describe('orderable quantity (MOQ and pack size)', () => {
  it('raises a small need to the MOQ', () => {
    expect(orderableQuantity(10, 600, 6)).toBe(600);
  });
  it('rounds up to whole packs', () => {
    expect(orderableQuantity(601, 600, 6)).toBe(606);
    expect(orderableQuantity(1200, 600, 6)).toBe(1200);
  });
  it('rounds an MOQ that is not a whole number of packs up to one', () => {
    expect(orderableQuantity(1, 100, 6)).toBe(102);
  });
  it('orders nothing when nothing is needed', () => {
    expect(orderableQuantity(0, 600, 6)).toBe(0);
    expect(orderableQuantity(-50, 600, 6)).toBe(0);
  });
  it('refuses impossible constraints', () => {
    expect(() => orderableQuantity(10, 0, 6)).toThrow(RangeError);
    expect(() => orderableQuantity(10, 10, 0)).toThrow(RangeError);
  });
});
