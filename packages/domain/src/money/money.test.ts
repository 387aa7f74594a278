import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertMinor, formatMinorAsDecimal, money, parseDecimalToMinor, sumMinor } from './money';

describe('parseDecimalToMinor', () => {
  it.each([
    ['29.99', 'GBP', 2999],
    ['0.1', 'GBP', 10],
    ['-12.5', 'EUR', -1250],
    ['1200', 'USD', 120000],
    ['.5', 'GBP', 50],
    ['0.005', 'GBP', 1],
    ['0.0049', 'GBP', 0],
    ['1500', 'JPY', 1500],
    ['1.2345', 'KWD', 1235],
  ])('reads %s %s as %i minor units', (text, currency, expected) => {
    expect(parseDecimalToMinor(text, currency)).toBe(expected);
  });

  it('reads JSON numbers without float error (0.1 + 0.2 style values)', () => {
    expect(parseDecimalToMinor(0.3, 'GBP')).toBe(30);
    expect(parseDecimalToMinor(1.005, 'GBP')).toBe(101);
    expect(parseDecimalToMinor(19.99, 'USD')).toBe(1999);
  });

  it.each(['', '12,50', 'abc', '1e5', '--1', '.'])('refuses "%s"', (text) => {
    expect(() => parseDecimalToMinor(text, 'GBP')).toThrow(RangeError);
  });

  it('round-trips through formatMinorAsDecimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
        expect(parseDecimalToMinor(formatMinorAsDecimal(minor, 'GBP'), 'GBP')).toBe(minor);
      }),
    );
  });
});

describe('money and sums', () => {
  it('refuses fractional minor units and bad currency codes', () => {
    expect(() => money(1.5, 'GBP')).toThrow();
    expect(() => money(1, 'gbp')).toThrow();
  });

  it('sums exactly where floats drift', () => {
    const pennies = Array.from({ length: 1000 }, () => 10);
    expect(sumMinor(pennies)).toBe(10000);
  });
});

describe('convertMinor', () => {
  it('converts with the stated rate and rounds half away from zero', () => {
    expect(convertMinor(10000, 'EUR', 'GBP', 0.85)).toBe(8500);
    expect(convertMinor(1, 'USD', 'GBP', 0.5)).toBe(1);
    expect(convertMinor(-1, 'USD', 'GBP', 0.5)).toBe(-1);
    expect(convertMinor(1000, 'GBP', 'JPY', 190.5)).toBe(1905);
  });
  it('leaves same-currency amounts untouched and refuses a non-positive rate', () => {
    expect(convertMinor(123, 'GBP', 'GBP', 0)).toBe(123);
    expect(() => convertMinor(1, 'EUR', 'GBP', 0)).toThrow();
  });
});
