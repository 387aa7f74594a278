import { describe, expect, it } from 'vitest';
import { dayOfWeek, dayOfYear, fromEpochDay, nthWeekdayOfMonth, toEpochDay } from './dates';

describe('epoch-day dates', () => {
  it('round-trips dates and knows weekdays', () => {
    expect(fromEpochDay(toEpochDay('2024-02-29'))).toBe('2024-02-29');
    expect(dayOfWeek(toEpochDay('2026-11-28'))).toBe(6);
    expect(dayOfYear(toEpochDay('2024-12-31'))).toBe(366);
    expect(() => toEpochDay('2024-13-01')).toThrow(RangeError);
  });

  it('finds the nth weekday of a month (Thanksgiving 2025 was 27 November)', () => {
    expect(fromEpochDay(nthWeekdayOfMonth(2025, 11, 4, 4))).toBe('2025-11-27');
  });
});
