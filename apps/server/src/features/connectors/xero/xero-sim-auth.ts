import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The simulator's OAuth 2.0 server (integration-contracts.md §4.2, §4.12): authorisation codes
 * (single use, 5 minutes), 30-minute access tokens, refresh tokens that rotate on every use and
 * stay usable for a grace period after rotation (then `invalid_grant`), and refresh tokens that
 * expire when unused for 60 days. Times come from `now`, so tests can move the clock.
 */
export interface SimAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Default 1800 s. */
  accessTokenTtlMs?: number;
  /** How long a rotated refresh token still works. Default 30 minutes. */
  refreshGraceMs?: number;
  /** An unused refresh token expires after this. Default 60 days. */
  refreshIdleMs?: number;
  now?: () => number;
}

interface Grant {
  tenantIds: string[];
}

interface RefreshState {
  grant: Grant;
  issuedAt: number;
  rotatedAt: number | null;
}

export type TokenResult =
  | {
      ok: true;
      body: {
        access_token: string;
        refresh_token: string;
        expires_in: number;
        token_type: 'Bearer';
        scope: string;
      };
    }
  | { ok: false; status: number; error: string };

const SCOPE =
  'offline_access accounting.transactions.read accounting.reports.read accounting.contacts.read accounting.settings.read';

export class SimAuth {
  private readonly codes = new Map<string, { grant: Grant; redirectUri: string; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, RefreshState>();
  private readonly accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  /** Successful refreshes (tests count them to see that refreshes are serialised). */
  refreshCount = 0;

  constructor(private readonly options: SimAuthOptions) {}

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Consent given: a code for these organisations, to be exchanged at the token endpoint. */
  issueCode(tenantIds: string[], redirectUri: string): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { grant: { tenantIds }, redirectUri, expiresAt: this.now() + 5 * 60_000 });
    return code;
  }

  /** `POST /connect/token`. */
  token(authorization: string | undefined, form: URLSearchParams): TokenResult {
    if (!this.clientOk(authorization)) return { ok: false, status: 400, error: 'invalid_client' };
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      if (!code || code.expiresAt < this.now() || code.redirectUri !== form.get('redirect_uri')) {
        return { ok: false, status: 400, error: 'invalid_grant' };
      }
      return this.issue(code.grant);
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const state = this.refreshTokens.get(presented);
      const now = this.now();
      if (!state) return { ok: false, status: 400, error: 'invalid_grant' };
      if (state.rotatedAt !== null && now - state.rotatedAt > (this.options.refreshGraceMs ?? 30 * 60_000)) {
        return { ok: false, status: 400, error: 'invalid_grant' };
      }
      if (now - state.issuedAt > (this.options.refreshIdleMs ?? 60 * 86_400_000)) {
        return { ok: false, status: 400, error: 'invalid_grant' };
      }
      // Rotate: the presented token enters its grace period (if it has not already).
      state.rotatedAt ??= now;
      this.refreshCount++;
      return this.issue(state.grant);
    }
    return { ok: false, status: 400, error: 'unsupported_grant_type' };
  }

  /** The organisations a Bearer token reaches, or why it does not (401). */
  bearer(authorization: string | undefined): { ok: true; tenantIds: string[] } | { ok: false } {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const state = token ? this.accessTokens.get(token) : undefined;
    if (!state || state.expiresAt <= this.now()) return { ok: false };
    return { ok: true, tenantIds: state.grant.tenantIds };
  }

  /** Ends every token of the grant (an admin disconnected the app in Xero). */
  revokeAll(): void {
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  /** Expires every access token now (a test of the 401 → refresh path). */
  expireAccessTokens(): void {
    for (const state of this.accessTokens.values()) state.expiresAt = 0;
  }

  /** Whether this server issued the refresh token (a restarted sandbox knows none of the old ones). */
  knows(refreshToken: string): boolean {
    return this.refreshTokens.has(refreshToken);
  }

  /** Whether a refresh token is the current (not yet rotated) one. */
  isCurrent(refreshToken: string): boolean {
    const state = this.refreshTokens.get(refreshToken);
    return !!state && state.rotatedAt === null;
  }

  private issue(grant: Grant): TokenResult {
    const now = this.now();
    const ttl = this.options.accessTokenTtlMs ?? 1_800_000;
    const access = `sim-at-${randomBytes(18).toString('base64url')}`;
    const refresh = `sim-rt-${randomBytes(18).toString('base64url')}`;
    this.accessTokens.set(access, { grant, expiresAt: now + ttl });
    this.refreshTokens.set(refresh, { grant, issuedAt: now, rotatedAt: null });
    return {
      ok: true,
      body: {
        access_token: access,
        refresh_token: refresh,
        expires_in: Math.round(ttl / 1000),
        token_type: 'Bearer',
        scope: SCOPE,
      },
    };
  }

  private clientOk(authorization: string | undefined): boolean {
    const basic = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
    if (!basic) return false;
    const expected = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`);
    const given = Buffer.from(Buffer.from(basic, 'base64').toString('utf8'));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
