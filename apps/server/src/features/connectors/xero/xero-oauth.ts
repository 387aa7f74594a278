import { type HttpClient, HttpStatusError } from '../../../platform/http-client/index';

/**
 * Xero's OAuth 2.0 token endpoint (integration-contracts.md §4.2): the authorisation code is
 * exchanged once for a 30-minute access token and a refresh token; every refresh returns a new
 * refresh token and retires the old one (which stays usable for a 30-minute grace period, meant
 * for answers that were lost). Client id and secret go in a Basic header, the grant in a form body.
 */
export interface XeroTokenSet {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working (ISO instant). */
  accessExpiresAt: string;
  scope: string | null;
}

export interface XeroAppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface XeroTenant {
  id: string;
  tenantId: string;
  tenantType: string;
  tenantName: string;
}

/** The refresh token is dead (expired, used outside the grace period, revoked): an admin must reconnect. */
export class XeroReconnectError extends Error {
  constructor(readonly reason: string) {
    super(`Xero refused the stored authorisation (${reason}): an admin must connect the organisation again.`);
    this.name = 'XeroReconnectError';
  }
}

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  scope?: string;
}

export class XeroOAuthClient {
  constructor(
    private readonly http: HttpClient,
    private readonly tokenUrl: string,
    private readonly app: XeroAppCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  /** The one-time exchange after consent. Codes are single-use, so this POST is never repeated. */
  exchangeCode(code: string, redirectUri: string, signal?: AbortSignal): Promise<XeroTokenSet> {
    return this.grant(
      new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
      false,
      signal,
    );
  }

  /**
   * A refresh. Repeating it after a lost answer is safe — the old refresh token still works during
   * Xero's grace period — so the HTTP client may retry it on network errors and 5xx.
   */
  refresh(refreshToken: string, signal?: AbortSignal): Promise<XeroTokenSet> {
    return this.grant(
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
      true,
      signal,
    );
  }

  private async grant(
    body: URLSearchParams,
    idempotent: boolean,
    signal?: AbortSignal,
  ): Promise<XeroTokenSet> {
    const basic = Buffer.from(`${this.app.clientId}:${this.app.clientSecret}`).toString('base64');
    try {
      const response = await this.http.request({
        method: 'POST',
        url: this.tokenUrl,
        operation: 'token',
        headers: { authorization: `Basic ${basic}` },
        body,
        idempotent,
        limit: false,
        ...(signal ? { signal } : {}),
      });
      const token = response.json<TokenResponse>();
      if (!token.access_token || !token.refresh_token) throw new Error('Xero token answer without tokens');
      return {
        accessToken: token.access_token,
        refreshToken: token.refresh_token,
        accessExpiresAt: new Date(this.now() + token.expires_in * 1000).toISOString(),
        scope: token.scope ?? null,
      };
    } catch (error) {
      if (error instanceof HttpStatusError && (error.status === 400 || error.status === 401)) {
        const reason = oauthError(error.bodySnippet);
        if (reason === 'invalid_grant' || reason === 'invalid_client' || reason === 'unauthorized_client') {
          throw new XeroReconnectError(reason);
        }
      }
      throw error;
    }
  }
}

function oauthError(body: string): string {
  try {
    return String((JSON.parse(body) as { error?: unknown }).error ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** The organisations a token may reach (`GET /connections`, Bearer only, ISO dates). */
export async function listXeroTenants(
  http: HttpClient,
  connectionsUrl: string,
  accessToken: string,
): Promise<XeroTenant[]> {
  const response = await http.request({
    url: connectionsUrl,
    operation: 'connections',
    headers: { authorization: `Bearer ${accessToken}` },
    limit: false,
  });
  return response.json<XeroTenant[]>();
}
