import { describe, expect, it } from 'vitest';
import { parseRetryAfter, readCookie } from './cookies';

describe('readCookie', () => {
  it('finds a cookie by exact name and decodes it', () => {
    const jar = 'xsentia_csrf=no; sentia_csrf=a%2Bb; sentia_csrf_old=no';
    expect(readCookie(jar, 'sentia_csrf')).toBe('a+b');
    expect(readCookie('', 'sentia_csrf')).toBeUndefined();
    expect(readCookie('sentia_csrf=', 'sentia_csrf')).toBeUndefined();
    expect(readCookie('a=1', 'sentia_csrf')).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:15:00 GMT', now)).toBe(900);
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
