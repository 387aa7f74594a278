import { describe, expect, it } from 'vitest';
import { formatCompactNumber, formatMoney, formatPercent, formatUnits, minorToMajor } from './number';

/** Intl uses no-break and narrow no-break spaces; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats GBP, EUR and USD minor units in the user locale', () => {
    expect(formatMoney(123456, 'GBP', 'en-GB')).toBe('£1,234.56');
    expect(plain(formatMoney(123456, 'EUR', 'de-DE'))).toBe('1.234,56 €');
    expect(plain(formatMoney(123456, 'EUR', 'fr-FR'))).toBe('1 234,56 €');
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(123456, 'USD', 'en-GB')).toBe('US$1,234.56');
    expect(formatMoney(123456, 'GBP', 'en-US')).toBe('£1,234.56');
  });

  it('keeps negative amounts and zero', () => {
    expect(formatMoney(-5, 'GBP', 'en-GB')).toBe('-£0.05');
    expect(formatMoney(0, 'GBP', 'en-GB')).toBe('£0.00');
  });

  it('formats amounts beyond float-safe decimals exactly', () => {
    // 2^53 - 1 pence: through a float divide this would lose its last digit.
    expect(formatMoney(9_007_199_254_740_991, 'GBP', 'en-GB')).toBe('£90,071,992,547,409.91');
  });

  it('respects currencies without a minor unit', () => {
    expect(formatMoney(1500, 'JPY', 'en-GB')).toBe('JP¥1,500');
  });

  it('rounds to whole units half away from zero for tiles', () => {
    expect(formatMoney(123450, 'GBP', 'en-GB', { wholeUnits: true })).toBe('£1,235');
    expect(formatMoney(-123450, 'GBP', 'en-GB', { wholeUnits: true })).toBe('-£1,235');
    expect(formatMoney(123449, 'GBP', 'en-GB', { wholeUnits: true })).toBe('£1,234');
  });

  it('has a compact form for chart axes', () => {
    expect(formatMoney(123_456_789, 'GBP', 'en-GB', { compact: true })).toBe('£1.23m');
    expect(formatMoney(150_000, 'USD', 'en-US', { compact: true })).toBe('$1.5K');
  });
});

describe('minorToMajor', () => {
  it('divides by the currency minor unit', () => {
    expect(minorToMajor(12345, 'GBP')).toBe(123.45);
    expect(minorToMajor(12345, 'JPY')).toBe(12345);
  });
});

describe('formatPercent', () => {
  it('formats fractions as percentages with one decimal', () => {
    expect(formatPercent(0.4213, 'en-GB')).toBe('42.1%');
    expect(plain(formatPercent(0.4213, 'de-DE'))).toBe('42,1 %');
    expect(formatPercent(-0.005, 'en-GB')).toBe('-0.5%');
    expect(formatPercent(1, 'en-GB', 0)).toBe('100%');
  });
});

describe('formatUnits', () => {
  it('labels counts as units, singular for one', () => {
    expect(formatUnits(1234, 'en-GB')).toBe('1,234 units');
    expect(formatUnits(1, 'en-GB')).toBe('1 unit');
    expect(formatUnits(0, 'en-GB')).toBe('0 units');
    expect(plain(formatUnits(1234567, 'fr-FR'))).toBe('1 234 567 units');
  });

  it('has a compact number form for axes', () => {
    expect(formatCompactNumber(12_500, 'en-GB')).toBe('12.5k');
    expect(formatCompactNumber(1_250, 'en-GB')).toBe('1.25k');
  });
});
