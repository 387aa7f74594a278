import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors';
import { resolvePeriod } from './period';

describe('resolvePeriod', () => {
  it('defaults to the last 90 days ending today, compared with the 90 days before', () => {
    expect(resolvePeriod({}, '2026-11-28')).toEqual({
      period: { from: '2026-08-31', to: '2026-11-28' },
      previous: { from: '2026-06-02', to: '2026-08-30' },
    });
  });

  it('compares a month with the month-long stretch just before it, across a leap day', () => {
    expect(resolvePeriod({ from: '2024-03-01', to: '2024-03-31' }, '2026-11-28').previous).toEqual({
      from: '2024-01-30',
      to: '2024-02-29',
    });
  });

  it('refuses a period that ends before it starts, naming the field', () => {
    try {
      resolvePeriod({ from: '2026-02-01', to: '2026-01-01' }, '2026-11-28');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields[0]?.field).toBe('querystring.from');
    }
  });
});
