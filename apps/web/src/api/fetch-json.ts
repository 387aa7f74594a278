import { AUTH_COOKIES, CSRF_HEADER, problemDetails } from '@sentia/contracts';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { parseRetryAfter, readCookie } from './cookies';
import { createSessionRenewal, REFRESH_PATH, webLock } from './session-renewal';
import { SIGN_IN_PATH, signInHref } from './sign-in-path';

export interface FetchJsonOptions {
  signal?: AbortSignal;
  /**
   * Non-2xx statuses whose body is still the expected payload, e.g. 503 from /api/status,
   * which reports the dependencies that are down.
   */
  acceptStatuses?: readonly number[];
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientDeps {
  /** Looked up on every call, so tests can stub the global. */
  fetch: () => typeof fetch;
  /** `document.cookie`: the readable CSRF cookie lives there. */
  cookies: () => string;
  /** The session is over and could not be renewed: send the person to the sign-in page. */
  onSignInRequired: () => void;
  /** Serialises session renewals across tabs. */
  lock?: <T>(run: () => Promise<T>) => Promise<T>;
}

/** A 401 from these means wrong credentials or no session, never an access cookie to renew. */
const NO_RENEWAL = new Set(['/api/auth/login', REFRESH_PATH]);

export interface ApiClient {
  /** GETs a JSON path and parses it with its contract schema. */
  fetchJson<S extends z.ZodType>(path: string, schema: S, options?: FetchJsonOptions): Promise<z.output<S>>;
  /**
   * Sends a write (JSON body, or none) and parses the answer with `schema` (`z.undefined()` for 204).
   * Carries the CSRF token cookie-authenticated writes need.
   */
  sendJson<S extends z.ZodType>(
    method: WriteMethod,
    path: string,
    body: unknown,
    schema: S,
    options?: FetchJsonOptions,
  ): Promise<z.output<S>>;
  /** GETs a file (CSV export): its content and the file name the server suggests. */
  fetchFile(
    path: string,
    options?: { signal?: AbortSignal },
  ): Promise<{ blob: Blob; filename: string | null }>;
}

/**
 * The one way pages talk to the API. Every call:
 * - sends cookies; writes add `X-CSRF-Token` echoing the `sentia_csrf` cookie;
 * - on 401 renews the session once (one refresh for all calls failing together) and sends again;
 *   when the session cannot be renewed, hands over to the sign-in page;
 * - throws ApiError for problem+json answers, other HTTP errors, network failures and payloads that
 *   break the contract, so a page never renders data whose shape it has not checked.
 */
export function createApiClient(deps: ApiClientDeps): ApiClient {
  const renewal = createSessionRenewal({ fetch: deps.fetch, lock: deps.lock });
  const csrfToken = () => readCookie(deps.cookies(), AUTH_COOKIES.csrf);

  async function send(method: string, path: string, body: unknown, signal: AbortSignal | undefined) {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    const csrf = method === 'GET' ? undefined : csrfToken();
    if (csrf) headers[CSRF_HEADER] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await deps.fetch()(path, {
        method,
        credentials: 'include',
        // Reads are cacheable for minutes (private, max-age + ETag): always revalidate — a cheap 304 —
        // so a refetch after a live-update event never reads the browser's older copy.
        cache: method === 'GET' ? 'no-cache' : 'no-store',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      return { response, csrf };
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError('network', {
        type: 'about:blank',
        title: 'Cannot reach the server',
        status: 0,
        detail: 'Check your connection; the page will retry.',
      });
    }
  }

  async function request(method: string, path: string, body: unknown, signal?: AbortSignal) {
    const sentAt = renewal.generation;
    let { response, csrf } = await send(method, path, body, signal);
    if (response.status === 401 && !NO_RENEWAL.has(pathnameOf(path))) {
      const outcome = await renewal.renew(sentAt);
      if (outcome === 'unreachable') {
        throw new ApiError('network', {
          type: 'about:blank',
          title: 'Cannot renew your session right now',
          status: 0,
          detail: 'The server could not be reached to keep you signed in; the page will retry.',
        });
      }
      if (outcome === 'renewed') ({ response, csrf } = await send(method, path, body, signal));
      if (response.status === 401) deps.onSignInRequired();
    }
    // A renewal in another call or tab replaced the CSRF cookie while this write was on its way.
    if (response.status === 403 && method !== 'GET' && csrf !== csrfToken()) {
      ({ response } = await send(method, path, body, signal));
    }
    return response;
  }

  async function parse<S extends z.ZodType>(
    response: Response,
    path: string,
    schema: S,
    options: FetchJsonOptions,
  ): Promise<z.output<S>> {
    const body = await readBody(response);
    if (!response.ok && !options.acceptStatuses?.includes(response.status)) {
      throw httpError(response, body);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError('contract', {
        type: 'about:blank',
        title: 'Unexpected response from the server',
        status: response.status,
        detail: `${path} did not match the expected format; the figures are not shown rather than shown wrong.`,
        errors: parsed.error.issues.slice(0, 10).map((issue) => ({
          field: issue.path.join('.') || '(response)',
          message: issue.message,
        })),
      });
    }
    return parsed.data;
  }

  return {
    async fetchJson(path, schema, options = {}) {
      const response = await request('GET', path, undefined, options.signal);
      return parse(response, path, schema, options);
    },
    async sendJson(method, path, body, schema, options = {}) {
      const response = await request(method, path, body, options.signal);
      return parse(response, path, schema, options);
    },
    async fetchFile(path, options = {}) {
      const response = await request('GET', path, undefined, options.signal);
      if (!response.ok) throw httpError(response, await readBody(response));
      const disposition = response.headers.get('content-disposition') ?? '';
      const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
      return { blob: await response.blob(), filename };
    },
  };
}

function pathnameOf(path: string): string {
  return new URL(path, 'http://x').pathname;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function httpError(response: Response, body: unknown): ApiError {
  const extra = { retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')) };
  const problem = problemDetails.safeParse(body);
  // Whatever sent it (our API, a proxy), a 403 reads the same: the role does not allow this.
  const title = response.status === 403 ? 'Not allowed' : undefined;
  if (problem.success) {
    return new ApiError('problem', { ...problem.data, ...(title ? { title } : {}) }, extra);
  }
  return new ApiError(
    'http',
    {
      type: 'about:blank',
      title: title ?? (response.statusText || `HTTP ${response.status}`),
      status: response.status,
      detail:
        response.status === 403
          ? 'Your role does not allow this.'
          : `The server answered ${response.status} for ${new URL(response.url || '/', 'http://x').pathname}.`,
    },
    extra,
  );
}

let redirecting = false;

/** A full page load, so nothing cached for the old session survives into the next one. */
function redirectToSignIn(): void {
  if (typeof window === 'undefined' || redirecting) return;
  const { pathname, search, hash } = window.location;
  if (pathname === SIGN_IN_PATH) return;
  redirecting = true;
  window.location.assign(signInHref(`${pathname}${search}${hash}`));
}

const browserClient = createApiClient({
  fetch: () => globalThis.fetch,
  cookies: () => (typeof document === 'undefined' ? '' : document.cookie),
  onSignInRequired: redirectToSignIn,
  lock: webLock('sentia-session-renewal'),
});

export const fetchJson = browserClient.fetchJson;
export const sendJson = browserClient.sendJson;
export const fetchFile = browserClient.fetchFile;
