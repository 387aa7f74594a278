/** The user's locale for every Intl formatter: the browser's first preference, British English otherwise. */
export function userLocale(): string {
  if (typeof navigator !== 'undefined') {
    const preferred = navigator.languages?.[0] ?? navigator.language;
    if (preferred) return preferred;
  }
  return 'en-GB';
}

/** The user's IANA time zone, for showing instants; business dates are never shifted. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
