import { describe, expect, it } from 'vitest';
import { ratioText, xeroCallbackOutcome } from './xero-connection-model';

describe('Xero connection panel model', () => {
  it('reads the outcome the callback redirects with', () => {
    expect(xeroCallbackOutcome('?connected=Acme%20Ltd')).toEqual({
      kind: 'connected',
      text: 'Connected to Acme Ltd. The first sync runs within the hour, or start it now.',
    });
    expect(
      xeroCallbackOutcome('?error=Xero%20did%20not%20authorise%20the%20connection%20(access_denied).'),
    ).toEqual({
      kind: 'error',
      text: 'Xero did not authorise the connection (access_denied).',
    });
    expect(xeroCallbackOutcome('')).toBeNull();
    expect(xeroCallbackOutcome('?tab=runs')).toBeNull();
  });

  it('shows ratios with two decimals, n/a without current liabilities', () => {
    expect(ratioText(2.5, 'en-GB')).toBe('2.50');
    expect(ratioText(1.754, 'en-GB')).toBe('1.75');
    expect(ratioText(null, 'en-GB')).toBe('n/a');
  });
});
