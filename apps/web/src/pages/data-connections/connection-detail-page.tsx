import type { SyncRunView } from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { formatDuration } from '../../format/date';
import { userLocale } from '../../format/locale';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { PageHeader } from '../../ui/page-header';
import { RelativeTime } from '../../ui/relative-time';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { ConnectionCard } from './connection-card';
import { connectionQuery, setSandbox } from './connections-api';
import { runSeconds, TRIGGER_TEXT } from './connections-model';
import { CredentialsForm } from './credentials-form';
import { XeroConnectionPanel } from './xero-connection';
import './connections.css';

/** One connection: its state and actions, credentials, the sandbox switch, and its sync history. */
export default function ConnectionDetailPage() {
  const { connector = '' } = useParams();
  const crumbs = usePageCrumbs();
  const detail = useQuery(connectionQuery(connector));
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const sandbox = useMutation({
    mutationFn: (enabled: boolean) => setSandbox(connector, enabled),
    onSuccess: (result) => {
      queryClient.setQueryData(connectionQuery(connector).queryKey, result);
      void queryClient.invalidateQueries({ queryKey: ['connections'] });
    },
  });
  const connection = detail.data?.connection;
  const locale = userLocale();
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);

  const columns: Column<SyncRunView>[] = [
    {
      key: 'started',
      header: 'Started',
      cell: (r) => (r.startedAt ? <RelativeTime iso={r.startedAt} /> : 'queued'),
      sortValue: (r) => r.startedAt ?? '',
      firstSort: 'desc',
    },
    { key: 'status', header: 'Status', cell: (r) => r.status, sortValue: (r) => r.status },
    {
      key: 'trigger',
      header: 'Started by',
      cell: (r) => (r.trigger ? (TRIGGER_TEXT[r.trigger] ?? r.trigger) : ''),
    },
    { key: 'mode', header: 'Mode', cell: (r) => r.mode },
    {
      key: 'duration',
      header: 'Took',
      align: 'end',
      cell: (r) => {
        const seconds = runSeconds(r);
        return seconds === null ? '' : formatDuration(seconds);
      },
      sortValue: runSeconds,
    },
    {
      key: 'read',
      header: 'Read',
      align: 'end',
      cell: (r) => count(r.recordsRead),
      sortValue: (r) => r.recordsRead,
    },
    {
      key: 'written',
      header: 'Written',
      align: 'end',
      cell: (r) => count(r.recordsWritten),
      sortValue: (r) => r.recordsWritten,
    },
    {
      key: 'rejected',
      header: 'Rejected',
      align: 'end',
      cell: (r) => count(r.recordsRejected),
      sortValue: (r) => r.recordsRejected,
    },
    { key: 'error', header: 'Error', cell: (r) => r.error ?? '' },
  ];
  const lastRejections = detail.data?.runs.find((r) => r.rejections.length > 0)?.rejections ?? [];

  return (
    <>
      <PageHeader
        title={connection?.label ?? 'Connection'}
        crumbs={crumbs.map((c, i) =>
          i === crumbs.length - 1 && connection ? { ...c, label: connection.label } : c,
        )}
        subtitle={connection?.description}
      />
      {detail.isError && (
        <ErrorPanel
          heading="The connection could not be loaded"
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      )}
      {connection && detail.data ? (
        <div className="connection-detail">
          <ConnectionCard connection={connection} link={false} />
          {connection.name === 'xero' && <XeroConnectionPanel connection={connection} />}
          {connection.canManage && (
            <section className="panel" aria-labelledby="connection-setup">
              <h2 id="connection-setup">Set-up</h2>
              {connection.sandboxAvailable && (
                <>
                  <p>
                    {connection.state === 'sandbox'
                      ? 'This connection points at the local simulator: it serves the demo business through the real client, and its data is labelled demo data.'
                      : 'A sandbox connection points this connector at a local simulator serving the demo business — the real sync path, offline, with every figure labelled demo data. It replays the demo data set already loaded, so nothing is counted twice.'}
                  </p>
                  {sandbox.isError && (
                    <ErrorPanel compact heading="The sandbox could not be switched" error={sandbox.error} />
                  )}
                  <div className="connection__actions">
                    <button
                      type="button"
                      className="button"
                      disabled={sandbox.isPending}
                      onClick={() => sandbox.mutate(connection.state !== 'sandbox')}
                    >
                      {connection.state === 'sandbox' ? 'Stop using the sandbox' : 'Use sandbox (demo data)'}
                    </button>
                    {!editing && (
                      <button type="button" className="button" onClick={() => setEditing(true)}>
                        {connection.state === 'not_configured' ? 'Enter credentials' : 'Change credentials'}
                      </button>
                    )}
                  </div>
                </>
              )}
              {!connection.sandboxAvailable && !editing && (
                <div className="connection__actions">
                  <button type="button" className="button" onClick={() => setEditing(true)}>
                    {connection.state === 'not_configured' ? 'Enter credentials' : 'Change credentials'}
                  </button>
                </div>
              )}
              {editing && <CredentialsForm connector={connector} onDone={() => setEditing(false)} />}
            </section>
          )}
          <DataTable
            caption="Sync history"
            columns={columns}
            rows={detail.data.runs}
            rowKey={(r) => r.id}
            initialSort={{ columnKey: 'started', direction: 'desc' }}
            empty="No sync has run yet."
          />
          {lastRejections.length > 0 && (
            <section className="panel" aria-labelledby="connection-rejections">
              <h2 id="connection-rejections">Rejected in the latest run that rejected any</h2>
              <ul className="connection-detail__rejections">
                {lastRejections.map((r) => (
                  <li key={`${r.entity}:${r.key}:${r.reason}`}>
                    <code>{r.key}</code> ({r.entity}): {r.reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      ) : (
        detail.isPending && (
          <LoadingRegion label="Loading the connection">
            <div className="connection-detail">
              <Skeleton height={180} />
              <Skeleton height={240} />
            </div>
          </LoadingRegion>
        )
      )}
    </>
  );
}
