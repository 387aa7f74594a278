import type { ConnectorSync } from '@sentia/contracts';
import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

/** The latest run of each connector (demo, CSV imports and API connectors alike) and its last success. */
export async function queryConnectorSyncs(db: Database): Promise<ConnectorSync[]> {
  const rows = await queryRows<{
    connector: string;
    status: ConnectorSync['lastStatus'];
    started_at: string;
    last_success: string | null;
    records_written: number;
    records_rejected: number;
    error: string | null;
  }>(
    db,
    sql`select distinct on (s.connector) s.connector, s.status, s.started_at::text, s.records_written,
               s.records_rejected, s.error,
               (select max(o.finished_at) from sync_runs o
                 where o.connector = s.connector and o.status = 'succeeded')::text as last_success
        from sync_runs s
        order by s.connector, s.started_at desc`,
  );
  return rows.map((r) => ({
    connector: r.connector,
    lastRunAt: new Date(r.started_at).toISOString(),
    lastStatus: r.status,
    lastSuccessAt: r.last_success ? new Date(r.last_success).toISOString() : null,
    recordsWritten: Number(r.records_written),
    recordsRejected: Number(r.records_rejected),
    error: r.error ? r.error.slice(0, 300) : null,
  }));
}

/** For sync_last_success_timestamp_seconds: one cheap aggregate at scrape time. */
export async function queryLastSyncSuccess(db: Database): Promise<{ connector: string; at: Date }[]> {
  const rows = await queryRows<{ connector: string; at: string }>(
    db,
    sql`select connector, max(finished_at)::text as at from sync_runs
        where status = 'succeeded' and finished_at is not null group by connector`,
  );
  return rows.map((r) => ({ connector: r.connector, at: new Date(r.at) }));
}
