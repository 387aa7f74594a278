import { describe, expect, it } from 'vitest';
import { verifyShopifyHmac } from './verify-shopify-hmac';

describe('verifyShopifyHmac', () => {
  // integration-contracts.md §0 test vector.
  const body = Buffer.from('{"id":820982911946154508,"name":"#1001"}');
  const signature = 'Cpb1s9hB/iaH7ZiOZWOsSo6eDk862X7MR244j1d+m+k=';

  it('accepts the documented test vector', () => {
    expect(verifyShopifyHmac(body, signature, ['shpss_testsecret'])).toBe(true);
  });

  it('accepts any of several secrets (rotation)', () => {
    expect(verifyShopifyHmac(body, signature, ['shpss_new', 'shpss_testsecret'])).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a missing or malformed header, and no secret', () => {
    expect(verifyShopifyHmac(body, signature, ['other'])).toBe(false);
    expect(verifyShopifyHmac(Buffer.from(`${body} `), signature, ['shpss_testsecret'])).toBe(false);
    expect(verifyShopifyHmac(body, undefined, ['shpss_testsecret'])).toBe(false);
    expect(verifyShopifyHmac(body, 'not-base64!!', ['shpss_testsecret'])).toBe(false);
    expect(verifyShopifyHmac(body, signature, [])).toBe(false);
  });
});
