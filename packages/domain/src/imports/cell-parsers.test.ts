import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseBooleanCell,
  parseCurrencyCell,
  parseDateCell,
  parseDateTimeCell,
  parseEnumCell,
  parseIntegerCell,
  parseMoneyCell,
  parseRateCell,
} from './cell-parsers';

const value = <T>(result: { ok: true; value: T } | { ok: false; reason: string }) =>
  result.ok ? result.value : `ERROR: ${result.reason}`;

describe('spreadsheet cell parsers', () => {
  it('reads dates only as YYYY-MM-DD and refuses ambiguous or impossible ones', () => {
    expect(value(parseDateCell('2026-03-14'))).toBe('2026-03-14');
    expect(value(parseDateCell('2028-02-29'))).toBe('2028-02-29');
    expect(value(parseDateCell('2026-02-29'))).toMatch(/not a calendar date/);
    expect(value(parseDateCell('03/04/2026'))).toMatch(/ambiguous/);
    expect(value(parseDateCell('14 March 2026'))).toMatch(/YYYY-MM-DD/);
  });

  it('reads instants with or without a zone (UTC when none) and refuses impossible times', () => {
    expect(value(parseDateTimeCell('2026-03-14T10:30:00Z'))).toBe('2026-03-14T10:30:00Z');
    expect(value(parseDateTimeCell('2026-03-14 10:30'))).toBe('2026-03-14T10:30:00Z');
    expect(value(parseDateTimeCell('2026-03-14T10:30:05.123+0100'))).toBe('2026-03-14T10:30:05.123+01:00');
    expect(value(parseDateTimeCell('2026-03-14'))).toBe('2026-03-14T00:00:00Z');
    expect(value(parseDateTimeCell('2026-03-14T24:00'))).toMatch(/not a valid time/);
    expect(value(parseDateTimeCell('yesterday'))).toMatch(/date and time/);
  });

  it('reads whole numbers within 32 bits with an optional lower bound', () => {
    expect(value(parseIntegerCell('42'))).toBe(42);
    expect(value(parseIntegerCell('-3'))).toBe(-3);
    expect(value(parseIntegerCell('0', 1))).toMatch(/at least 1/);
    expect(value(parseIntegerCell('2.5'))).toMatch(/whole number/);
    expect(value(parseIntegerCell('1,200'))).toMatch(/thousands/);
    expect(value(parseIntegerCell('3000000000'))).toMatch(/too large/);
  });

  it('reads money exactly in the currency and never rounds extra decimals away', () => {
    expect(value(parseMoneyCell('29.99', 'GBP'))).toBe(2999);
    expect(value(parseMoneyCell('0.10', 'GBP'))).toBe(10);
    expect(value(parseMoneyCell('1500', 'JPY'))).toBe(1500);
    expect(value(parseMoneyCell('1.235', 'KWD'))).toBe(1235);
    expect(value(parseMoneyCell('1.50', 'JPY'))).toMatch(/more decimal places than JPY has \(0\)/);
    expect(value(parseMoneyCell('29.999', 'GBP'))).toMatch(/more decimal places/);
    expect(value(parseMoneyCell('29.990', 'GBP'))).toBe(2999);
    expect(value(parseMoneyCell('£29.99', 'GBP'))).toMatch(/no currency symbol/);
    expect(value(parseMoneyCell('1,299.00', 'GBP'))).toMatch(/thousands separator/);
    expect(value(parseMoneyCell('-5', 'GBP', { min: 0 }))).toMatch(/negative/);
    expect(value(parseMoneyCell('-5', 'GBP'))).toBe(-500);
  });

  it('round-trips any amount in pence through its decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (pence) => {
        const text = `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;
        expect(value(parseMoneyCell(text, 'GBP'))).toBe(pence);
      }),
    );
  });

  it('reads FX rates as normalised decimal text', () => {
    expect(value(parseRateCell('0.85320000', 8))).toBe('0.8532');
    expect(value(parseRateCell('001.5', 8))).toBe('1.5');
    expect(value(parseRateCell('0.000000001', 8))).toMatch(/8 decimal places/);
    expect(value(parseRateCell('0', 8))).toMatch(/greater than zero/);
    expect(value(parseRateCell('-1', 8))).toMatch(/positive/);
  });

  it('reads enums case-insensitively, booleans and currencies', () => {
    expect(value(parseEnumCell('Paid', ['pending', 'paid'] as const))).toBe('paid');
    expect(value(parseEnumCell('done', ['pending', 'paid'] as const))).toMatch(/one of pending, paid/);
    expect(value(parseBooleanCell('No'))).toBe(false);
    expect(value(parseBooleanCell('maybe'))).toMatch(/true or false/);
    expect(value(parseCurrencyCell('gbp'))).toBe('GBP');
    expect(value(parseCurrencyCell('pounds'))).toMatch(/three-letter/);
  });
});
