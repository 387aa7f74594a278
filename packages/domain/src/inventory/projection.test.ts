import { describe, expect, it } from 'vitest';
import { daysOfCover, projectStockOut } from './projection';

describe('projected stock-out date', () => {
  it('finds the first day demand exceeds stock', () => {
    // 70 units, 70 a week (10 a day): the 7th day uses the last unit, the 8th runs short.
    expect(projectStockOut({ startStock: 70, asOf: '2026-01-04', weeklyDemand: [70, 70] })).toBe(
      '2026-01-12',
    );
    expect(projectStockOut({ startStock: 65, asOf: '2026-01-04', weeklyDemand: [70, 70] })).toBe(
      '2026-01-11',
    );
  });

  it('moves later with a receipt', () => {
    const receipts = [{ date: '2026-01-12', quantity: 70 }];
    expect(
      projectStockOut({ startStock: 70, asOf: '2026-01-04', weeklyDemand: [70, 70, 70], receipts }),
    ).toBe('2026-01-19');
  });

  it('is null beyond the horizon or without demand, today when nothing is left', () => {
    expect(projectStockOut({ startStock: 1000, asOf: '2026-01-04', weeklyDemand: [70, 70] })).toBeNull();
    expect(projectStockOut({ startStock: 10, asOf: '2026-01-04', weeklyDemand: [0, 0] })).toBeNull();
    expect(projectStockOut({ startStock: 0, asOf: '2026-01-04', weeklyDemand: [70] })).toBe('2026-01-04');
    expect(projectStockOut({ startStock: -5, asOf: '2026-01-04', weeklyDemand: [0] })).toBe('2026-01-04');
  });
});

describe('days of cover', () => {
  it('divides stock by the forecast daily rate', () => {
    // 4 weeks of 70 → 10 a day; 150 units last 15 days.
    expect(daysOfCover(150, [70, 70, 70, 70, 700])).toBe(15);
    expect(daysOfCover(150, [0, 0])).toBeNull();
    expect(daysOfCover(-3, [70])).toBe(0);
  });
});
