import { problemDetails } from '@sentia/contracts';
import type { z } from 'zod';
import { ApiError } from './api-error';

export interface FetchJsonOptions {
  signal?: AbortSignal;
  /**
   * Non-2xx statuses whose body is still the expected payload, e.g. 503 from /api/status,
   * which reports the dependencies that are down.
   */
  acceptStatuses?: readonly number[];
}

/**
 * GETs a JSON API path and parses it with its contract schema. Throws ApiError for problem+json
 * responses, other HTTP errors, network failures and payloads that break the contract, so a page
 * never renders data whose shape it has not checked.
 */
export async function fetchJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: FetchJsonOptions = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'include',
      headers: { accept: 'application/json, application/problem+json' },
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network', {
      type: 'about:blank',
      title: 'Cannot reach the server',
      status: 0,
      detail: 'Check your connection; the page will retry.',
    });
  }

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
  const problem = problemDetails.safeParse(body);
  if (problem.success) return new ApiError('problem', problem.data);
  return new ApiError('http', {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: `The server answered ${response.status} for ${new URL(response.url || '/', 'http://x').pathname}.`,
  });
}
