import type { DependencyState } from '@sentia/contracts';
import { useQuery } from '@tanstack/react-query';
import { STATUS_REFRESH_MS, statusQuery } from '../../api/queries';
import { useAccess } from '../../app/use-access';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { formatDuration } from '../../format/date';
import { userLocale } from '../../format/locale';
import { formatNumber } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { PageHeader } from '../../ui/page-header';
import { RelativeTime } from '../../ui/relative-time';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { StateBadge } from '../../ui/state-badge';
import { AlertsSection } from './system-alerts';
import { FlagsSection, MaintenanceSection } from './system-controls';
import { dependencyRank, dependencySummary, MODE_TEXT, shortCommit } from './system-model';
import { ConnectorsSection, QueuesSection } from './system-operations';
import './system-page.css';

/**
 * Health of this deployment: dependencies and their latency, alerts, queues, connectors' last syncs,
 * feature flags and maintenance mode, version and environment. Refreshed by live-update events, and
 * every 10 seconds as a fallback.
 */
export default function SystemPage() {
  const status = useQuery(statusQuery());
  const access = useAccess();
  const crumbs = usePageCrumbs();
  const locale = userLocale();
  const data = status.data;
  const checkedAt = status.dataUpdatedAt ? new Date(status.dataUpdatedAt).toISOString() : null;

  const columns: Column<DependencyState>[] = [
    { key: 'name', header: 'Dependency', cell: (d) => d.name, sortValue: (d) => d.name },
    {
      key: 'required',
      header: 'Required',
      cell: (d) => (d.required ? 'Yes' : 'No'),
      sortValue: (d) => (d.required ? 0 : 1),
    },
    { key: 'state', header: 'State', cell: (d) => <StateBadge state={d.state} />, sortValue: dependencyRank },
    {
      key: 'latency',
      header: 'Latency',
      align: 'end',
      cell: (d) =>
        d.latencyMs === null ? (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">not measured</span>
          </>
        ) : (
          `${formatNumber(d.latencyMs, locale, 1)} ms`
        ),
      sortValue: (d) => d.latencyMs,
      firstSort: 'desc',
    },
    { key: 'detail', header: 'Detail', cell: (d) => d.detail ?? '' },
  ];

  return (
    <>
      <PageHeader
        title="System"
        crumbs={crumbs}
        subtitle="Health of this deployment, its alerts, queues and syncs, and the switches that run it."
        meta={
          checkedAt && (
            <span>
              Checked <RelativeTime iso={checkedAt} /> · refreshes every {STATUS_REFRESH_MS / 1000} s
            </span>
          )
        }
      />
      {status.isError && (
        <ErrorPanel
          heading={
            data ? 'The latest check failed; showing the previous one' : 'System status could not be loaded'
          }
          compact={Boolean(data)}
          error={status.error}
          onRetry={() => void status.refetch()}
        />
      )}
      {data ? (
        <div className="system">
          {data.maintenance && (
            <p className="system__maintenance" role="status">
              Maintenance mode is on: changes are paused for everyone but administrators.
            </p>
          )}
          <section className="panel system__summary" aria-labelledby="system-overall">
            <h2 id="system-overall">
              Overall <StateBadge state={data.status} />
            </h2>
            <p>{dependencySummary(data.dependencies)}</p>
            <dl className="system__facts">
              <dt>Version</dt>
              <dd>{data.version}</dd>
              <dt>Commit</dt>
              <dd>
                <code title={data.commit ?? undefined}>{shortCommit(data.commit)}</code>
              </dd>
              <dt>Environment</dt>
              <dd>{data.environment}</dd>
              <dt>Mode</dt>
              <dd>{MODE_TEXT[data.mode]}</dd>
              <dt>Role</dt>
              <dd>{data.role}</dd>
              <dt>Uptime</dt>
              <dd>{formatDuration(data.uptimeSeconds)}</dd>
            </dl>
          </section>
          <AlertsSection />
          <DataTable
            caption="Dependencies"
            columns={columns}
            rows={data.dependencies}
            rowKey={(d) => d.name}
            initialSort={{ columnKey: 'state', direction: 'asc' }}
            empty="No dependencies reported."
          />
          <QueuesSection />
          <ConnectorsSection />
          <FlagsSection access={access} />
          <MaintenanceSection access={access} />
        </div>
      ) : (
        status.isPending && (
          <LoadingRegion label="Loading system status">
            <div className="system">
              <div className="panel">
                <Skeleton shape="text" width="10rem" height="1.25rem" />
                <Skeleton shape="text" width="60%" />
                <Skeleton height={120} />
              </div>
              <Skeleton height={220} />
            </div>
          </LoadingRegion>
        )
      )}
    </>
  );
}
