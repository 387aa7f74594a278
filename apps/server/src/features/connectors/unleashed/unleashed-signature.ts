import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Unleashed request signing (integration-contracts.md §3.2): every request carries
 * `api-auth-signature` = base64(HMAC-SHA256(key = API key as UTF-8, message = the query string
 * without `?` and without the path)). Unleashed checks the signature against the *decoded* query
 * text, so the string signed is built from the raw values (`orderNumber=DTC#13633`, never
 * `DTC%2313633`) and only the wire form is percent-encoded.
 */
export function signUnleashedQuery(apiKey: string, query: string): string {
  return createHmac('sha256', apiKey).update(query, 'utf8').digest('base64');
}

export type UnleashedQuery = Record<string, string | number | boolean | null | undefined>;

/** The text to sign: `k=v&k2=v2` from the raw values, in the order given, empty values left out. */
export function unleashedQueryText(query: UnleashedQuery = {}): string {
  return Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
}

/**
 * The same query for the wire: each value percent-encoded only where it must be for transport
 * (`#`, `&`, `=`, spaces, non-ASCII), so the server's decoded text equals the text signed.
 */
export function unleashedQueryWire(query: UnleashedQuery = {}): string {
  return Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeQueryValue(String(v))}`)
    .join('&');
}

function encodeQueryValue(value: string): string {
  // Keep what needs no encoding in a query (RFC 3986 query chars minus the separators) readable.
  return value.replace(/[^A-Za-z0-9\-._~!$'()*,;:@/?]/g, (c) => encodeURIComponent(c));
}

/**
 * The simulator's check (and a test oracle): the signature must match the URL-decoded query
 * text, or — as some clients sign — the raw text as received. Timing-safe.
 */
export function verifyUnleashedSignature(apiKey: string, rawQuery: string, signature: string): boolean {
  const candidates = new Set([rawQuery, safeDecode(rawQuery)]);
  for (const text of candidates) {
    if (text === null) continue;
    const expected = Buffer.from(signUnleashedQuery(apiKey, text));
    const given = Buffer.from(signature);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
  }
  return false;
}

function safeDecode(query: string): string | null {
  try {
    return decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}
