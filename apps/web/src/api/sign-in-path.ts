/** Where the sign-in page lives; it is outside the app shell and needs no session. */
export const SIGN_IN_PATH = '/sign-in';

/**
 * The sign-in page address that comes back to `current` (a path with its query) afterwards.
 * The overview is the default destination, so it needs no `next`.
 */
export function signInHref(current: string): string {
  const next = safeNextPath(current);
  return next === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}

/**
 * The page to open after sign-in: only a path on this site. Anything else — another origin,
 * protocol-relative `//host`, backslash tricks browsers treat as `//`, `javascript:`, control
 * characters, or the sign-in page itself (a loop) — falls back to the overview.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw?.startsWith('/')) return '/';
  if (raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, 'https://sentia.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'https://sentia.invalid') return '/';
  if (url.pathname === SIGN_IN_PATH || url.pathname.startsWith(`${SIGN_IN_PATH}/`)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
