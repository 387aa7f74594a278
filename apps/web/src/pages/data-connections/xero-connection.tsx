import { xeroAuthorizeResponse, xeroBalanceSheetResponse, xeroDisconnectResponse } from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { fetchJson, sendJson } from '../../api/fetch-json';
import { userLocale } from '../../format/locale';
import { ErrorPanel } from '../../ui/error-panel';
import { ratioText, xeroCallbackOutcome } from './xero-connection-model';

/** What the panel needs of the connection (a ConnectionView from /api/connections has it). */
export interface XeroConnectionFacts {
  state: 'not_configured' | 'configured' | 'sandbox';
  canManage: boolean;
}

/**
 * What Xero needs beyond the generic connection card: connecting the organisation (OAuth 2.0 —
 * the browser goes to Xero's consent page and comes back to the callback, which returns here with
 * the outcome), disconnecting it, and the liquidity ratios of the latest Balance Sheet.
 */
export function XeroConnectionPanel({ connection }: { connection: XeroConnectionFacts }) {
  const queryClient = useQueryClient();
  const location = useLocation();
  const outcome = xeroCallbackOutcome(location.search);
  const connected = connection.state !== 'not_configured';
  const authorize = useMutation({
    mutationFn: () => sendJson('POST', '/api/connectors/xero/authorize', undefined, xeroAuthorizeResponse),
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const disconnect = useMutation({
    mutationFn: () => sendJson('POST', '/api/connectors/xero/disconnect', undefined, xeroDisconnectResponse),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['connections'] }),
  });
  const balanceSheet = useQuery({
    queryKey: ['connections', 'xero', 'balance-sheet'],
    queryFn: ({ signal }) =>
      fetchJson('/api/connectors/xero/balance-sheet', xeroBalanceSheetResponse, { signal }),
    enabled: connected,
    retry: false,
  });
  const locale = userLocale();

  return (
    <section className="panel connection" aria-labelledby="xero-organisation">
      <h2 id="xero-organisation">Xero organisation</h2>
      {outcome && (
        <p role="status" className={outcome.kind === 'error' ? 'connection__error' : undefined}>
          {outcome.text}
        </p>
      )}
      {balanceSheet.data && (
        <dl className="connection__facts">
          <dt>Current ratio</dt>
          <dd>{ratioText(balanceSheet.data.currentRatio, locale)}</dd>
          <dt>Quick ratio</dt>
          <dd>
            {ratioText(balanceSheet.data.quickRatio, locale)} (Balance Sheet as at {balanceSheet.data.asOf})
          </dd>
        </dl>
      )}
      {authorize.isError && <ErrorPanel compact heading="Xero could not be opened" error={authorize.error} />}
      {disconnect.isError && (
        <ErrorPanel compact heading="Xero could not be disconnected" error={disconnect.error} />
      )}
      {connection.canManage && connection.state !== 'sandbox' && (
        <div className="connection__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={authorize.isPending}
            onClick={() => authorize.mutate()}
          >
            {connected ? 'Connect another organisation' : 'Connect to Xero'}
          </button>
          {connected && (
            <button
              type="button"
              className="button"
              disabled={disconnect.isPending}
              onClick={() => disconnect.mutate()}
            >
              Disconnect
            </button>
          )}
        </div>
      )}
    </section>
  );
}
