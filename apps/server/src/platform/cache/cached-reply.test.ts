import { describe, expect, it } from 'vitest';
import { asciiJson } from './cached-reply';

describe('asciiJson', () => {
  it('writes non-ASCII text as escapes that parse back to the same value', () => {
    const value = { note: 'Cash − 5% × 2 ÷ 3 for Sentia’s £ and € and 😀', n: 1.5, list: ['é', null] };
    const text = asciiJson(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(text).toContain('\\u2212');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves ASCII-only JSON as JSON.stringify writes it', () => {
    const value = { a: 'plain "quoted" \\ text', b: [1, 2, { c: true }] };
    expect(asciiJson(value)).toBe(JSON.stringify(value));
  });
});
