import { describe, expect, it } from 'vitest';
import {
  addForecastPeriods,
  forecastHistoryWindow,
  forecastPeriodEnd,
  forecastPeriodRange,
  forecastPeriodStart,
} from './periods';
import { parseSeriesKey, seriesKey, seriesLevelOf } from './series-key';

describe('forecast periods', () => {
  it('starts weeks on Monday (ISO) and months on the 1st', () => {
    expect(forecastPeriodStart('2025-01-01', 'week')).toBe('2024-12-30'); // a Wednesday
    expect(forecastPeriodStart('2025-01-05', 'week')).toBe('2024-12-30'); // Sunday, same ISO week
    expect(forecastPeriodStart('2025-01-06', 'week')).toBe('2025-01-06'); // Monday
    expect(forecastPeriodStart('2024-02-29', 'month')).toBe('2024-02-01');
  });

  it('steps by whole weeks and months, across years and backwards', () => {
    expect(addForecastPeriods('2024-12-30', 1, 'week')).toBe('2025-01-06');
    expect(addForecastPeriods('2024-11-01', 3, 'month')).toBe('2025-02-01');
    expect(addForecastPeriods('2025-01-01', -1, 'month')).toBe('2024-12-01');
    expect(addForecastPeriods('2025-01-01', -13, 'month')).toBe('2023-12-01');
    expect(forecastPeriodEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(forecastPeriodEnd('2025-01-06', 'week')).toBe('2025-01-12');
    expect(forecastPeriodRange('2025-01-01', '2025-04-01', 'month')).toEqual([
      '2025-01-01',
      '2025-02-01',
      '2025-03-01',
      '2025-04-01',
    ]);
  });

  it('keeps only complete periods: not a half-started first one, not the current one', () => {
    // Data from Wednesday 2025-01-01 to today's data (Thursday 2025-03-13).
    expect(forecastHistoryWindow('2025-01-01', '2025-03-13', '2025-03-13', 'week')).toEqual({
      first: '2025-01-06',
      last: '2025-03-03',
    });
    expect(forecastHistoryWindow('2025-01-01', '2025-03-13', '2025-03-13', 'month')).toEqual({
      first: '2025-01-01',
      last: '2025-02-01',
    });
    // A period that ended yesterday counts; data ending early stops the history there.
    expect(forecastHistoryWindow('2025-01-06', '2025-03-31', '2025-04-01', 'month')).toEqual({
      first: '2025-02-01',
      last: '2025-03-01',
    });
    expect(forecastHistoryWindow('2025-01-01', '2025-02-10', '2025-06-01', 'month')).toEqual({
      first: '2025-01-01',
      last: '2025-01-01',
    });
    expect(forecastHistoryWindow('2025-03-03', '2025-03-05', '2025-03-06', 'week')).toBeNull();
  });
});

describe('series keys', () => {
  it('names each level by its coordinates and reads the key back', () => {
    expect(seriesKey('company', {})).toBe('company');
    expect(seriesKey('channel', { channel: 'amazon-uk', region: 'UK', sku: 'ignored' })).toBe(
      'channel=amazon-uk|region=UK',
    );
    const key = seriesKey('sku-channel', { sku: 'GIN|70=CL', channel: 'amazon-uk', region: 'UK' });
    expect(key).toBe('sku=GIN%7C70%3DCL|channel=amazon-uk|region=UK');
    expect(parseSeriesKey(key)).toEqual({
      level: 'sku-channel',
      coords: { sku: 'GIN|70=CL', channel: 'amazon-uk', region: 'UK' },
    });
    expect(() => parseSeriesKey('region=UK|sku=X')).toThrow(RangeError);
    expect(() => seriesKey('sku-region', { sku: 'X' })).toThrow(/region/);
  });

  it('infers the level from the coordinates given', () => {
    expect(seriesLevelOf({})).toBe('company');
    expect(seriesLevelOf({ region: 'UK' })).toBe('region');
    expect(seriesLevelOf({ channel: 'amazon-uk', region: 'UK' })).toBe('channel');
    expect(seriesLevelOf({ sku: 'A' })).toBe('sku');
    expect(seriesLevelOf({ sku: 'A', region: 'UK' })).toBe('sku-region');
    expect(seriesLevelOf({ sku: 'A', channel: 'amazon-uk' })).toBe('sku-channel');
  });
});
