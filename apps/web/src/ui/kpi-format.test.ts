import { describe, expect, it } from 'vitest';
import { formatKpiValue } from './kpi-format';

describe('formatKpiValue', () => {
  it('rounds money to whole units on tiles and shows it exactly on demand', () => {
    expect(formatKpiValue({ unit: 'money', currency: 'GBP' }, 55_441_350, 'en-GB')).toBe('£554,414');
    expect(formatKpiValue({ unit: 'money', currency: 'GBP' }, 55_441_350, 'en-GB', true)).toBe('£554,413.50');
    expect(
      formatKpiValue({ unit: 'money', currency: 'EUR' }, 12_345, 'de-DE', true).replace(/\u00a0/g, ' '),
    ).toBe('123,45 €');
  });

  it('shows percent with one decimal, two when exact', () => {
    expect(formatKpiValue({ unit: 'percent' }, 0.41987, 'en-GB')).toBe('42.0%');
    expect(formatKpiValue({ unit: 'percent' }, 0.41987, 'en-GB', true)).toBe('41.99%');
  });

  it('labels units and refuses to guess a missing currency', () => {
    expect(formatKpiValue({ unit: 'units' }, 29_195, 'en-GB')).toBe('29,195 units');
    expect(formatKpiValue({ unit: 'money' }, 100, 'en-GB')).toBe('100 (currency missing)');
  });
});
