import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify signs each webhook with base64 HMAC-SHA256 of the raw request body under the app's API
 * secret. The comparison is constant-time over the decoded digests, and every candidate secret is
 * tried (during a rotation Shopify keeps signing with the old one for up to an hour).
 */
export function verifyShopifyHmac(
  rawBody: Buffer,
  header: string | undefined,
  secrets: readonly string[],
): boolean {
  if (!header || secrets.length === 0) return false;
  let given: Buffer;
  try {
    given = Buffer.from(header, 'base64');
  } catch {
    return false;
  }
  if (given.length !== 32) return false;
  let valid = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // Not short-circuited: the time taken does not depend on which secret matched.
    if (timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}
