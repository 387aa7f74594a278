import { isApiError } from './api-error';

/**
 * The server's per-field messages of a 400 (`errors: [{ field: 'body.email', message }]`), keyed by
 * field name without the `body.` prefix, so a form can show each next to its control.
 */
export function fieldErrorsOf(error: unknown, prefix = 'body.'): Record<string, string> {
  if (!isApiError(error)) return {};
  const fields: Record<string, string> = {};
  for (const { field, message } of error.problem.errors ?? []) {
    if (!field.startsWith(prefix)) continue;
    const name = field.slice(prefix.length);
    fields[name] = fields[name] ? `${fields[name]}; ${message}` : message;
  }
  return fields;
}
