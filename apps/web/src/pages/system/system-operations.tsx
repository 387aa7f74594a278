import type { ConnectorSync, QueueStatus } from '@sentia/contracts';
import { useQuery } from '@tanstack/react-query';
import { formatDuration } from '../../format/date';
import { userLocale } from '../../format/locale';
import { formatNumber } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { RelativeTime } from '../../ui/relative-time';
import { StateBadge } from '../../ui/state-badge';
import { useNow } from '../../ui/use-now';
import { connectorState, queueState } from './system-model';
import { queuesQuery, syncsQuery } from './system-queries';

/** Each job queue with its depth, failures and oldest waiting job. */
export function QueuesSection() {
  const queues = useQuery(queuesQuery());
  const locale = userLocale();
  const count = (key: keyof QueueStatus & string, header: string): Column<QueueStatus> => ({
    key,
    header,
    align: 'end',
    cell: (q) => formatNumber(Number(q[key] ?? 0), locale, 0),
    sortValue: (q) => Number(q[key] ?? 0),
    firstSort: 'desc',
  });
  const columns: Column<QueueStatus>[] = [
    { key: 'queue', header: 'Queue', cell: (q) => q.queue, sortValue: (q) => q.queue },
    { key: 'state', header: 'State', cell: (q) => <StateBadge state={queueState(q)} /> },
    count('waiting', 'Waiting'),
    count('active', 'Running'),
    count('delayed', 'Delayed'),
    count('failed', 'Failed'),
    count('completed', 'Completed'),
    {
      key: 'oldest',
      header: 'Oldest waiting',
      align: 'end',
      cell: (q) =>
        q.oldestWaitingSeconds === null ? 'none' : formatDuration(Math.round(q.oldestWaitingSeconds)),
      sortValue: (q) => q.oldestWaitingSeconds,
      firstSort: 'desc',
    },
  ];
  return (
    <section className="system__section" aria-label="Queues">
      {queues.isError && (
        <ErrorPanel
          heading="Queues could not be loaded"
          error={queues.error}
          compact
          onRetry={() => void queues.refetch()}
        />
      )}
      {queues.data && (
        <>
          {queues.data.detail && <p className="system__alerting">{queues.data.detail}</p>}
          <DataTable
            caption={`Job queues (${queues.data.kind === 'bullmq' ? 'BullMQ on Redis' : 'in-process'})`}
            columns={columns}
            rows={queues.data.queues}
            rowKey={(q) => q.queue}
            empty="The queues could not be read."
          />
        </>
      )}
    </section>
  );
}

/** The latest sync or import of each connector and when it last succeeded. */
export function ConnectorsSection() {
  const syncs = useQuery(syncsQuery());
  const locale = userLocale();
  const now = useNow();
  const columns: Column<ConnectorSync>[] = [
    { key: 'connector', header: 'Connector', cell: (s) => s.connector, sortValue: (s) => s.connector },
    { key: 'state', header: 'State', cell: (s) => <StateBadge state={connectorState(s, now)} /> },
    {
      key: 'last',
      header: 'Last run',
      cell: (s) => <RelativeTime iso={s.lastRunAt} />,
      sortValue: (s) => s.lastRunAt,
    },
    {
      key: 'success',
      header: 'Last success',
      cell: (s) => (s.lastSuccessAt ? <RelativeTime iso={s.lastSuccessAt} /> : 'never'),
      sortValue: (s) => s.lastSuccessAt,
    },
    {
      key: 'written',
      header: 'Records written',
      align: 'end',
      cell: (s) => formatNumber(s.recordsWritten, locale, 0),
      sortValue: (s) => s.recordsWritten,
    },
    {
      key: 'rejected',
      header: 'Rejected',
      align: 'end',
      cell: (s) => formatNumber(s.recordsRejected, locale, 0),
      sortValue: (s) => s.recordsRejected,
    },
    { key: 'error', header: 'Last error', cell: (s) => s.error ?? '' },
  ];
  return (
    <section className="system__section" aria-label="Connectors">
      {syncs.isError && (
        <ErrorPanel
          heading="Syncs could not be loaded"
          error={syncs.error}
          compact
          onRetry={() => void syncs.refetch()}
        />
      )}
      {syncs.data && (
        <DataTable
          caption="Connectors’ last syncs"
          columns={columns}
          rows={syncs.data.connectors}
          rowKey={(s) => s.connector}
          empty="No sync or import has run yet."
        />
      )}
    </section>
  );
}
