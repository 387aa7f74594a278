import { useQuery } from '@tanstack/react-query';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { ErrorPanel } from '../../ui/error-panel';
import { PageHeader } from '../../ui/page-header';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { ConnectionCard } from './connection-card';
import { connectionsQuery } from './connections-api';
import './connections.css';

/**
 * Data › Connections: every connector the server knows (the list comes from the API, so a new
 * connector appears here without a web change), its state, last run and error, next scheduled
 * run, and "Sync now" with live progress for roles that may start syncs.
 */
export default function ConnectionsPage() {
  const crumbs = usePageCrumbs();
  const list = useQuery(connectionsQuery());
  return (
    <>
      <PageHeader
        title="Connections"
        crumbs={crumbs}
        subtitle="Where the dashboard's data comes from: each connection, its last sync and the next one."
        meta={
          list.data && (
            <span>
              Jobs run{' '}
              {list.data.runner === 'bullmq'
                ? 'on the worker service (BullMQ)'
                : 'in this process (embedded mode)'}
            </span>
          )
        }
      />
      {list.isError && (
        <ErrorPanel
          heading="The connections could not be loaded"
          error={list.error}
          compact={Boolean(list.data)}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data ? (
        <div className="connections">
          {list.data.connections.map((connection) => (
            <ConnectionCard key={connection.name} connection={connection} />
          ))}
        </div>
      ) : (
        list.isPending && (
          <LoadingRegion label="Loading connections">
            <div className="connections">
              {[1, 2].map((n) => (
                <div key={n} className="panel">
                  <Skeleton shape="text" width="8rem" height="1.25rem" />
                  <Skeleton shape="text" width="70%" />
                  <Skeleton height={90} />
                </div>
              ))}
            </div>
          </LoadingRegion>
        )
      )}
    </>
  );
}
