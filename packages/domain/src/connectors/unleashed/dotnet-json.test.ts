import { describe, expect, it } from 'vitest';
import { parseDecimalToMinor } from '../../money/money';
import {
  dotNetDate,
  dotNetInstant,
  formatDotNetDate,
  jsonAmountToMinor,
  jsonNumberText,
  parseDotNetDate,
  wholeQuantity,
} from './dotnet-json';

describe('.NET JSON dates', () => {
  it('reads /Date(ms)/ exactly, with and without the offset suffix (which does not shift the instant)', () => {
    expect(parseDotNetDate('/Date(1528329600000)/')?.toISOString()).toBe('2018-06-07T00:00:00.000Z');
    expect(parseDotNetDate('/Date(1539993600000+0000)/')?.toISOString()).toBe('2018-10-20T00:00:00.000Z');
    expect(parseDotNetDate('/Date(1539993600000+1300)/')?.toISOString()).toBe('2018-10-20T00:00:00.000Z');
    expect(parseDotNetDate('/Date(1531132187518)/')?.getTime()).toBe(1531132187518);
    expect(parseDotNetDate('/Date(-86400000)/')?.toISOString()).toBe('1969-12-31T00:00:00.000Z');
  });

  it('reads the escaped raw JSON form once JSON.parse has unescaped it', () => {
    const parsed = JSON.parse('{"d":"\\/Date(1522022400000)\\/"}') as { d: string };
    expect(dotNetDate(parsed.d)).toBe('2018-03-26');
  });

  it('accepts the ISO forms Xero also uses (no zone means UTC)', () => {
    expect(dotNetInstant('2024-02-05T11:22:45.0000000')).toBe('2024-02-05T11:22:45.000Z');
    expect(dotNetInstant('2024-06-21 01:15:39.902000')).toBe('2024-06-21T01:15:39.902Z');
    expect(dotNetInstant('2018-10-20T00:00:00')).toBe('2018-10-20T00:00:00.000Z');
    expect(dotNetDate('2018-10-20')).toBe('2018-10-20');
  });

  it('gives null for null/empty and refuses anything else', () => {
    expect(parseDotNetDate(null)).toBeNull();
    expect(parseDotNetDate('')).toBeNull();
    expect(dotNetDate(undefined)).toBeUndefined();
    expect(() => parseDotNetDate('/Date(abc)/')).toThrow(/not a date/);
    expect(() => parseDotNetDate('yesterday')).toThrow(/not a date/);
  });

  it('formats dates the way the services send them (round trip)', () => {
    expect(formatDotNetDate('2018-06-07')).toBe('/Date(1528329600000)/');
    expect(formatDotNetDate('2018-10-20', true)).toBe('/Date(1539993600000+0000)/');
    expect(dotNetInstant(formatDotNetDate(new Date('2026-03-14T10:11:12.345Z')))).toBe(
      '2026-03-14T10:11:12.345Z',
    );
  });
});

describe('JSON money', () => {
  it('recovers the decimal text of a JSON number', () => {
    expect(jsonNumberText(2173.6)).toBe('2173.6');
    expect(jsonNumberText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(jsonNumberText(1e-7)).toBe('0.0000001');
    expect(jsonNumberText(-2.5e-8)).toBe('-0.000000025');
    expect(jsonNumberText(1.5e21)).toBe('1500000000000000000000');
    expect(() => jsonNumberText(Number.NaN)).toThrow();
  });

  it('converts to minor units from the decimal text, not by float multiplication', () => {
    expect(jsonAmountToMinor(2173.6, 'GBP')).toBe(217360);
    expect(jsonAmountToMinor(691.2, 'GBP')).toBe(69120);
    // Doubles just below the half cent: × 100 rounds 1.015 down, and printing 10 fixed decimals
    // (parseDecimalToMinor's own number path) shows 1000044.4449999999 and loses the cent too.
    expect(Math.round(1.015 * 100)).toBe(101);
    expect(jsonAmountToMinor(1.015, 'GBP')).toBe(102);
    expect(parseDecimalToMinor(1000044.445, 'GBP')).toBe(100004444);
    expect(jsonAmountToMinor(1000044.445, 'GBP')).toBe(100004445);
    expect(jsonAmountToMinor(1.005, 'GBP')).toBe(101);
    // Average costs carry four decimals: half away from zero at the minor unit.
    expect(jsonAmountToMinor(1774.9345, 'GBP')).toBe(177493);
    expect(jsonAmountToMinor(-0.005, 'EUR')).toBe(-1);
    expect(jsonAmountToMinor(1500, 'JPY')).toBe(1500);
    expect(jsonAmountToMinor('46.00', 'NZD')).toBe(4600);
  });

  it('reads whole quantities and refuses fractional units', () => {
    expect(wholeQuantity(288.0, 'qty')).toBe(288);
    expect(wholeQuantity(null, 'qty')).toBe(0);
    expect(wholeQuantity(11.9999999999, 'qty')).toBe(12);
    expect(() => wholeQuantity(2.5, 'qty')).toThrow(/not a whole number/);
  });
});
