import { createHash, timingSafeEqual } from 'node:crypto';
import { isClientAllowed, parseAllowlist } from '../http/ip-allowlist';

export interface MetricsAccessOptions {
  /** METRICS_TOKEN: `Authorization: Bearer <token>` admits the scraper. */
  token?: string | undefined;
  /** METRICS_ALLOWLIST: clients from these networks need no token. */
  allowlist?: string | undefined;
}

export type MetricsAccessCheck = (clientIp: string, authorization: string | undefined) => boolean;

/**
 * Who may read the metrics endpoints. Neither setting: open (development, and the local compose
 * stack whose Prometheus reaches the replicas on a private network). Either setting: the caller must
 * present the token or come from an allowed network.
 */
export function metricsAccess(options: MetricsAccessOptions): MetricsAccessCheck {
  const allowlist = parseAllowlist(options.allowlist);
  const expected = options.token ? digest(options.token) : null;
  if (!expected && !allowlist) return () => true;
  return (clientIp, authorization) => {
    if (allowlist && isClientAllowed(clientIp, allowlist)) return true;
    if (!expected || !authorization?.startsWith('Bearer ')) return false;
    // Compare digests: constant time whatever the length of what was sent.
    return timingSafeEqual(digest(authorization.slice('Bearer '.length).trim()), expected);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
