import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatBusinessDate,
  formatDuration,
  formatRelativeTime,
  formatUtc,
  localToday,
  parseIsoDate,
} from './date';

const now = new Date('2025-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('formatRelativeTime', () => {
  it('reads "now" within clock-skew range', () => {
    expect(formatRelativeTime(ago(10), now, 'en-GB')).toBe('now');
    expect(formatRelativeTime(ago(-30), now, 'en-GB')).toBe('now');
  });

  it('uses minutes, hours, days, weeks, months and years as people round them', () => {
    expect(formatRelativeTime(ago(60), now, 'en-GB')).toBe('1 minute ago');
    expect(formatRelativeTime(ago(5 * 60), now, 'en-GB')).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(50 * 60), now, 'en-GB')).toBe('1 hour ago');
    expect(formatRelativeTime(ago(3 * 3600), now, 'en-GB')).toBe('3 hours ago');
    expect(formatRelativeTime(ago(26 * 3600), now, 'en-GB')).toBe('yesterday');
    expect(formatRelativeTime(ago(3 * 86_400), now, 'en-GB')).toBe('3 days ago');
    expect(formatRelativeTime(ago(14 * 86_400), now, 'en-GB')).toBe('2 weeks ago');
    expect(formatRelativeTime(ago(90 * 86_400), now, 'en-GB')).toBe('3 months ago');
    expect(formatRelativeTime(ago(800 * 86_400), now, 'en-GB')).toBe('2 years ago');
  });

  it('handles future instants and other locales', () => {
    expect(formatRelativeTime(ago(-2 * 3600), now, 'en-GB')).toBe('in 2 hours');
    expect(formatRelativeTime(ago(5 * 60), now, 'de-DE')).toBe('vor 5 Minuten');
  });
});

describe('business dates', () => {
  it('parses only real calendar dates', () => {
    expect(parseIsoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2025-3-1')).toBeNull();
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('formats business dates without shifting them by time zone', () => {
    expect(formatBusinessDate('2025-03-01', 'en-GB')).toBe('1 Mar 2025');
    expect(formatBusinessDate('2025-03-01', 'en-US')).toBe('Mar 1, 2025');
  });

  it('takes today from the local calendar', () => {
    expect(localToday(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});

describe('formatUtc and formatDuration', () => {
  it('shows exact UTC time', () => {
    expect(formatUtc(new Date('2025-03-02T14:05:09.123Z'))).toBe('2025-03-02 14:05:09 UTC');
  });

  it('shows uptime compactly', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(125)).toBe('2m 5s');
    expect(formatDuration(3 * 3600 + 60)).toBe('3h 1m');
    expect(formatDuration(93_784)).toBe('1d 2h 3m');
  });
});
