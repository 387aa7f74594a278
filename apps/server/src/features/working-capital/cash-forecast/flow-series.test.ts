import { describe, expect, it } from 'vitest';
import { replenishmentSeries } from './flow-series';

const AS_OF = '2026-06-30';
/** £100 of revenue a day for ten days at a 40% COGS ratio: £40 of restocking a day. */
const revenue = Array.from({ length: 10 }, () => 10_000);

describe('replenishment', () => {
  it('pays back what sales use up, the payment lag later', () => {
    const series = replenishmentSeries(AS_OF, 12, revenue, 0.4, [], 2);
    expect(series.start).toBe('2026-07-01');
    expect(series.minor).toEqual([
      0, 0, -4_000, -4_000, -4_000, -4_000, -4_000, -4_000, -4_000, -4_000, -4_000, -4_000,
    ]);
  });

  it('lets a committed payment replace restocking due on or after its own date only', () => {
    // £100 committed, paid on day 6: days 3–5 are still bought; days 6 and 7 and half of 8 are covered.
    const series = replenishmentSeries(AS_OF, 12, revenue, 0.4, [{ day: 6, gbpMinor: 10_000 }], 2);
    expect(series.minor).toEqual([
      0, 0, -4_000, -4_000, -4_000, 0, 0, -2_000, -4_000, -4_000, -4_000, -4_000,
    ]);
  });

  it('never adds cash: a commitment larger than the restocking after it leaves those days at zero', () => {
    const series = replenishmentSeries(AS_OF, 12, revenue, 0.4, [{ day: 11, gbpMinor: 1_000_000 }], 2);
    expect(series.minor.slice(10)).toEqual([0, 0]);
    expect(series.minor.every((v) => v <= 0)).toBe(true);
  });

  it('takes overdue commitments from the first day, oldest first', () => {
    const series = replenishmentSeries(
      AS_OF,
      6,
      revenue,
      0.4,
      [
        { day: 5, gbpMinor: 4_000 },
        { day: -3, gbpMinor: 6_000 },
      ],
      0,
    );
    // Day 1 covered by the overdue £60 (£20 left for day 2); day 5 by the £40 due that day.
    expect(series.minor).toEqual([0, -2_000, -4_000, -4_000, 0, -4_000]);
  });
});
