import {
  type ImportKindName,
  type ImportModeName,
  importLimits,
  importListResponse,
  importUploadResponse,
  importView,
  problemDetails,
} from '@sentia/contracts';
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError } from '../../api/api-error';
import { fetchJson } from '../../api/fetch-json';

/** How often a running import is polled for progress. */
export const IMPORT_POLL_MS = 1_000;

export const importQuery = (id: string) =>
  queryOptions({
    queryKey: ['imports', id],
    queryFn: ({ signal }) => fetchJson(`/api/imports/${id}`, importView, { signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : IMPORT_POLL_MS;
    },
  });

export const importHistoryQuery = () =>
  queryOptions({
    queryKey: ['imports', 'history'],
    queryFn: ({ signal }) => fetchJson('/api/imports?limit=20', importListResponse, { signal }),
  });

export const importLimitsQuery = () =>
  queryOptions({
    queryKey: ['imports', 'limits'],
    queryFn: ({ signal }) => fetchJson('/api/imports/limits', importLimits, { signal }),
    staleTime: 5 * 60_000,
  });

export const templatePath = (kind: ImportKindName, format: 'csv' | 'xlsx') =>
  `/api/imports/templates/${kind}?format=${format}`;

export const errorsCsvPath = (id: string) => `/api/imports/${id}/errors?format=csv`;

/** Uploads a file (multipart) to start an import. */
export function uploadImport(kind: ImportKindName, mode: ImportModeName, file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  return write(`/api/imports/${kind}?mode=${mode}`, body, importUploadResponse);
}

/** Runs a failed import again from its stored file. */
export function retryImport(id: string, mode: ImportModeName) {
  return write(`/api/imports/${id}/retry`, JSON.stringify({ mode }), importUploadResponse);
}

/**
 * POSTs with the CSRF token that cookie-authenticated writes must echo (the `sentia_csrf`
 * cookie), and parses the answer with its contract; problems become ApiError like every read.
 */
async function write<S extends z.ZodType>(
  path: string,
  body: FormData | string,
  schema: S,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const csrf = csrfToken(document.cookie);
  if (csrf) headers['x-csrf-token'] = csrf;
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'include', headers, body });
  } catch {
    throw new ApiError('network', {
      type: 'about:blank',
      title: 'Cannot reach the server',
      status: 0,
      detail: 'Check your connection and try again.',
    });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const problem = problemDetails.safeParse(json);
    throw new ApiError(
      problem.success ? 'problem' : 'http',
      problem.success
        ? problem.data
        : { type: 'about:blank', title: `HTTP ${response.status}`, status: response.status },
    );
  }
  const parsed = schema.safeParse(json);
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

/** The double-submit CSRF token from `document.cookie`. */
export function csrfToken(cookies: string): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'sentia_csrf' && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
