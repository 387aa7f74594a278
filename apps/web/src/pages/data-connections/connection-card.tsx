import type { ConnectionView, SyncRunView } from '@sentia/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { userLocale } from '../../format/locale';
import { DemoBadge } from '../../ui/demo-badge';
import { ErrorPanel } from '../../ui/error-panel';
import { RelativeTime } from '../../ui/relative-time';
import { StateBadge } from '../../ui/state-badge';
import { startSync } from './connections-api';
import { connectionHealth, everyText, runProgressText, STATE_TEXT } from './connections-model';
import { SyncProgress } from './sync-progress';

/**
 * One connection: its state, what it is connected to, its last run and error, when it next runs,
 * "Sync now" (for roles that may) and the live progress of a run under way.
 */
export function ConnectionCard({
  connection,
  headingLevel = 2,
  link = true,
}: {
  connection: ConnectionView;
  headingLevel?: 2 | 3;
  link?: boolean;
}) {
  const queryClient = useQueryClient();
  const [started, setStarted] = useState<SyncRunView | null>(null);
  const sync = useMutation({
    mutationFn: () => startSync(connection.name),
    onSuccess: (result) => {
      setStarted(result.run);
      void queryClient.invalidateQueries({ queryKey: ['connections'] });
    },
  });
  // The run under way (whoever started it), else the one started here, kept on screen once finished.
  const following = connection.activeRun ?? started;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `connection-${connection.name}`;
  const locale = userLocale();
  const configured = connection.state !== 'not_configured';

  return (
    <section
      className="panel connection"
      aria-labelledby={headingId}
      data-connection={connection.name}
      data-state={connection.state}
    >
      <div className="connection__head">
        <Heading id={headingId}>
          {link ? (
            <Link to={`/data/connections/${connection.name}`}>{connection.label}</Link>
          ) : (
            connection.label
          )}
        </Heading>
        <StateBadge state={connectionHealth(connection)} />
        {connection.state === 'sandbox' && (
          <DemoBadge title="A sandbox connection: the local simulator serves the demo business, labelled as demo data." />
        )}
      </div>
      <p className="connection__description">{connection.description}</p>
      <dl className="connection__facts">
        <dt>Connection</dt>
        <dd>
          {STATE_TEXT[connection.state]} — {connection.detail}
        </dd>
        <dt>Last run</dt>
        <dd data-last-run={connection.lastRun?.status ?? 'none'}>
          {connection.lastRun ? (
            <>
              {connection.lastRun.startedAt && <RelativeTime iso={connection.lastRun.startedAt} />} ·{' '}
              {runProgressText(connection.lastRun, locale)}
            </>
          ) : (
            'Never run'
          )}
        </dd>
        {connection.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="connection__error">
              <RelativeTime iso={connection.lastError.at} /> · {connection.lastError.message}
              {connection.degraded && ` (${connection.consecutiveFailures} failed runs in a row: degraded)`}
            </dd>
          </>
        )}
        <dt>Schedule</dt>
        <dd>
          {configured ? (
            <>
              {everyText(connection.schedule.everyMs)}
              {connection.schedule.nextRunAt && (
                <>
                  {' '}
                  · next <RelativeTime iso={connection.schedule.nextRunAt} />
                </>
              )}
            </>
          ) : (
            'Not scheduled until it is connected'
          )}
        </dd>
      </dl>
      {following && (
        <SyncProgress
          key={following.id}
          connector={connection.name}
          label={connection.label}
          initial={following}
        />
      )}
      {sync.isError && <ErrorPanel compact heading="The sync could not be started" error={sync.error} />}
      {connection.canManage && configured && (
        <div className="connection__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={sync.isPending || Boolean(connection.activeRun)}
            onClick={() => sync.mutate()}
          >
            Sync now
          </button>
        </div>
      )}
    </section>
  );
}
