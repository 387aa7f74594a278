import type {
  BucketSpec,
  HttpClient,
  HttpResponse,
  QueryValue,
  ResponseVerdict,
} from '../../../platform/http-client/index';
import type { XeroAccess } from './xero-token-store';

export const XERO_API_URL = 'https://api.xero.com/api.xro/2.0/';
export const XERO_TOKEN_URL = 'https://identity.xero.com/connect/token';
export const XERO_CONNECTIONS_URL = 'https://api.xero.com/connections';
export const XERO_AUTHORIZE_URL = 'https://login.xero.com/identity/connect/authorize';

/**
 * Xero allows 60 calls a minute and 5 in flight per organisation (§4.9). The bucket keeps a sync
 * under that: a small burst, then just under one call a second.
 */
export const XERO_BUCKET: BucketSpec = { capacity: 10, refillPerSecond: 0.9 };

export interface XeroTokenProvider {
  accessToken(options?: { rejected?: string; signal?: AbortSignal }): Promise<XeroAccess>;
}

/**
 * What a 429 from Xero means: `X-Rate-Limit-Problem` names the limit (minute, day, …). The wait is
 * Retry-After, shared by every request of the organisation (the bucket pauses); a daily limit asks
 * for hours, more than the client waits, so the run fails with that reason and the next scheduled
 * run tries again.
 */
export function xeroThrottleVerdict(response: HttpResponse): ResponseVerdict | undefined {
  if (response.status !== 429) return undefined;
  const problem = response.headers.get('x-rate-limit-problem') ?? 'unnamed';
  return { retry: true, throttled: true, reason: `HTTP 429 (Xero ${problem.toLowerCase()} limit)` };
}

/**
 * A client of the Xero Accounting API for the connected organisation: Bearer token and
 * `xero-tenant-id` on every call, JSON asked for (Xero answers XML otherwise), `If-Modified-Since`
 * for incremental reads. A 401 means the access token died early: it is refreshed once (through
 * the token store, which serialises refreshes across replicas) and the call repeated.
 */
export class XeroClient {
  constructor(
    private readonly http: HttpClient,
    private readonly tokens: XeroTokenProvider,
    private readonly bucket: BucketSpec = XERO_BUCKET,
  ) {}

  async get<T>(
    resource: string,
    options: {
      query?: Record<string, QueryValue>;
      ifModifiedSince?: string | null;
      signal?: AbortSignal;
    } = {},
  ): Promise<T> {
    let access = await this.tokens.accessToken({ ...(options.signal ? { signal: options.signal } : {}) });
    let response = await this.send(resource, access, options, true);
    if (response.status === 401) {
      access = await this.tokens.accessToken({
        rejected: access.accessToken,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      response = await this.send(resource, access, options, false);
    }
    return response.json<T>();
  }

  private send(
    resource: string,
    access: XeroAccess,
    options: { query?: Record<string, QueryValue>; ifModifiedSince?: string | null; signal?: AbortSignal },
    accept401: boolean,
  ) {
    return this.http.request({
      url: resource,
      operation: `GET ${resource.split('/')[0]}`,
      ...(options.query ? { query: options.query } : {}),
      headers: {
        authorization: `Bearer ${access.accessToken}`,
        'xero-tenant-id': access.tenantId,
        accept: 'application/json',
        ...(options.ifModifiedSince ? { 'if-modified-since': options.ifModifiedSince } : {}),
      },
      limit: { key: `xero:${access.tenantId}`, bucket: this.bucket },
      ...(accept401 ? { acceptStatuses: [401] } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
}
