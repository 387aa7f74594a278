import { describe, expect, it } from 'vitest';
import { proposeReplenishment } from './replenishment';

const base = {
  reorderPoint: 150,
  orderQuantity: 300,
  moq: 1,
  packSize: 1,
  stockOutDate: null,
  latestArrival: '2026-03-01',
};

describe('replenishment proposal', () => {
  it('orders Q when the position sits at the reorder point', () => {
    expect(proposeReplenishment({ ...base, position: 150 })).toEqual({
      quantity: 300,
      reasons: [{ code: 'below-reorder-point', position: 150, reorderPoint: 150 }],
    });
  });

  it('lifts a position well below the reorder point to s + Q', () => {
    // s + Q − position = 150 + 300 − 100 = 350.
    expect(proposeReplenishment({ ...base, position: 100 })?.quantity).toBe(350);
  });

  it('honours an MOQ larger than the need, in whole packs', () => {
    expect(proposeReplenishment({ ...base, position: 100, moq: 600, packSize: 6 })?.quantity).toBe(600);
    expect(proposeReplenishment({ ...base, position: 100, moq: 100, packSize: 12 })?.quantity).toBe(360);
  });

  it('orders nothing above the reorder point unless stock runs out within the lead time', () => {
    expect(proposeReplenishment({ ...base, position: 151 })).toBeNull();
    expect(
      proposeReplenishment({
        ...base,
        position: 151,
        stockOutDate: '2026-02-20',
        latestArrival: '2026-03-01',
      }),
    ).toEqual({ quantity: 300, reasons: [{ code: 'projected-stock-out', date: '2026-02-20' }] });
    expect(
      proposeReplenishment({
        ...base,
        position: 151,
        stockOutDate: '2026-04-20',
        latestArrival: '2026-03-01',
      }),
    ).toBeNull();
  });

  it('names both reasons when both hold', () => {
    const proposal = proposeReplenishment({ ...base, position: 20, stockOutDate: '2026-01-10' });
    expect(proposal?.reasons.map((r) => r.code)).toEqual(['below-reorder-point', 'projected-stock-out']);
  });

  it('orders nothing for an item without demand', () => {
    expect(proposeReplenishment({ ...base, reorderPoint: 0, orderQuantity: 0, position: 0 })).toBeNull();
  });
});
