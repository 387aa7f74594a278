/**
 * What the Xero callback said, from the query string it redirects to
 * (`/data/connections/xero?connected=<organisation>` or `?error=<reason>`), or nothing.
 */
export function xeroCallbackOutcome(search: string): { kind: 'connected' | 'error'; text: string } | null {
  const params = new URLSearchParams(search);
  const connected = params.get('connected');
  if (connected)
    return {
      kind: 'connected',
      text: `Connected to ${connected}. The first sync runs within the hour, or start it now.`,
    };
  const error = params.get('error');
  if (error) return { kind: 'error', text: error };
  return null;
}

/** A liquidity ratio as shown: two decimals, or "n/a" when there are no current liabilities. */
export function ratioText(ratio: number | null, locale: string): string {
  if (ratio === null) return 'n/a';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratio);
}
