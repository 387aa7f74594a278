import { createHash } from 'node:crypto';
import type { HttpClient } from '../../../platform/http-client/index';

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

interface CachedToken {
  token: string;
  /** Epoch ms after which the token is not used (5 minutes before Amazon's expiry). */
  usableUntil: number;
}

/** Tokens live an hour; refreshing five minutes early keeps a long page from failing half-way. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

const cache = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();

/**
 * Login with Amazon: exchanges the seller's long-lived refresh token for an access token
 * (`grant_type=refresh_token`) and caches it per refresh token until shortly before it expires,
 * so a sync makes one exchange an hour, and concurrent requests share one exchange. The refresh
 * token itself is not rotated by this call. A rejected token (`invalidate`) is exchanged again.
 */
export class LwaTokenProvider {
  private readonly key: string;

  constructor(
    private readonly http: HttpClient,
    private readonly tokenUrl: string,
    private readonly credentials: LwaCredentials,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHash('sha256')
      .update(`${tokenUrl}\n${credentials.clientId}\n${credentials.refreshToken}`)
      .digest('hex');
  }

  async accessToken(signal?: AbortSignal): Promise<string> {
    const cached = cache.get(this.key);
    if (cached && cached.usableUntil > this.now()) return cached.token;
    let pending = inFlight.get(this.key);
    if (!pending) {
      pending = this.exchange(signal).finally(() => inFlight.delete(this.key));
      inFlight.set(this.key, pending);
    }
    return (await pending).token;
  }

  /** The service refused this token (expired early, revoked): the next call exchanges again. */
  invalidate(token: string): void {
    if (cache.get(this.key)?.token === token) cache.delete(this.key);
  }

  private async exchange(signal?: AbortSignal): Promise<CachedToken> {
    const body = await this.http.json<{ access_token: string; expires_in: number }>({
      method: 'POST',
      url: this.tokenUrl,
      operation: 'lwa.token',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: this.credentials.refreshToken,
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
      }),
      // Exchanging the same refresh token twice is harmless: it may be retried.
      idempotent: true,
      limit: false,
      signal,
    });
    const token: CachedToken = {
      token: body.access_token,
      usableUntil: this.now() + Math.max(0, body.expires_in * 1000 - REFRESH_MARGIN_MS),
    };
    cache.set(this.key, token);
    return token;
  }
}

/** Forgets every cached token (tests). */
export function clearLwaCache(): void {
  cache.clear();
}
