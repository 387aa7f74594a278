import { problemDetails } from '@sentia/contracts';
import type { z } from 'zod';
import { ApiError } from '../../api/api-error';

/**
 * Sends a JSON write with the CSRF token cookie-authenticated writes need (`X-CSRF-Token` echoing
 * the `sentia_csrf` cookie) and parses the answer with its contract; problems become ApiError.
 */
export async function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>> {
  const csrf = /(?:^|;\s*)sentia_csrf=([^;]*)/.exec(document.cookie)?.[1];
  const response = await fetch(path, {
    method,
    credentials: 'include',
    headers: {
      accept: 'application/json, application/problem+json',
      'content-type': 'application/json',
      ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}),
    },
    body: JSON.stringify(body),
  });
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = problemDetails.safeParse(payload);
    throw new ApiError(
      'problem',
      problem.success
        ? problem.data
        : {
            type: 'about:blank',
            title: response.statusText || `HTTP ${response.status}`,
            status: response.status,
          },
    );
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError('contract', {
      type: 'about:blank',
      title: 'Unexpected response from the server',
      status: response.status,
      detail: `${path} did not match the expected format.`,
    });
  }
  return parsed.data;
}
