import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

const key = 'k'.repeat(48);

describe('SecretBox', () => {
  it('round-trips a value and never stores it in the clear', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('{"apiKey":"unleashed-123"}', 'unleashed');
    expect(sealed).not.toContain('unleashed-123');
    expect(box.open(sealed, 'unleashed')).toBe('{"apiKey":"unleashed-123"}');
  });

  it('uses a fresh nonce each time', () => {
    const box = new SecretBox(key);
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses tampered ciphertext, a different key, or a value sealed for another connector', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('secret', 'xero');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[2] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), 'xero')).toThrow();
    expect(() => new SecretBox('z'.repeat(48)).open(sealed, 'xero')).toThrow();
    expect(() => box.open(sealed, 'shopify')).toThrow();
  });
});
