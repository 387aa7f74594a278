import type { SyncRunView } from '@sentia/contracts';
import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

interface RunRow {
  id: string;
  connector: string;
  kind: SyncRunView['mode'];
  status: 'running' | 'succeeded' | 'failed';
  trigger: string | null;
  started_at: string;
  finished_at: string | null;
  progress: number | null;
  records_read: number;
  records_written: number;
  records_rejected: number;
  error: string | null;
  detail: {
    sandbox?: boolean;
    entities?: SyncRunView['entities'];
    rejections?: SyncRunView['rejections'];
  } | null;
}

const COLUMNS = sql`id, connector, kind, status, trigger, started_at::text, finished_at::text, progress,
  records_read, records_written, records_rejected, error, detail`;

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);

export function toRunView(row: RunRow): SyncRunView {
  const entities = row.detail?.entities ?? {};
  return {
    id: row.id,
    connector: row.connector,
    mode: row.kind,
    status: row.status,
    trigger: row.trigger,
    requestedAt: iso(row.started_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    progress: row.progress,
    recordsRead: row.records_read,
    recordsWritten: row.records_written,
    recordsRejected: row.records_rejected,
    recordsSkipped: Object.values(entities).reduce((sum, e) => sum + (e.skipped ?? 0), 0),
    error: row.error,
    sandbox: row.detail?.sandbox ?? false,
    entities,
    rejections: row.detail?.rejections ?? [],
  };
}

/** A "sync now" no worker has picked up yet. */
export function queuedRunView(
  connector: string,
  runId: string,
  requestedAt: Date,
  sandbox: boolean,
): SyncRunView {
  return {
    id: runId,
    connector,
    mode: 'incremental',
    status: 'queued',
    trigger: 'manual',
    requestedAt: requestedAt.toISOString(),
    startedAt: null,
    finishedAt: null,
    progress: 0,
    recordsRead: 0,
    recordsWritten: 0,
    recordsRejected: 0,
    recordsSkipped: 0,
    error: null,
    sandbox,
    entities: {},
    rejections: [],
  };
}

/** Connector syncs (not demo loads or imports), newest first. */
export async function queryRuns(db: Database, connector: string, limit: number): Promise<SyncRunView[]> {
  const rows = await queryRows<RunRow>(
    db,
    sql`select ${COLUMNS} from sync_runs where connector = ${connector} and kind in ('full', 'incremental')
        order by started_at desc limit ${limit}`,
  );
  return rows.map(toRunView);
}

export async function findRun(db: Database, connector: string, runId: string): Promise<SyncRunView | null> {
  const [row] = await queryRows<RunRow>(
    db,
    sql`select ${COLUMNS} from sync_runs where connector = ${connector} and id = ${runId}`,
  );
  return row ? toRunView(row) : null;
}

/** Each connector's latest run and its running one (when different). */
export async function queryLatestRuns(
  db: Database,
): Promise<Map<string, { latest: SyncRunView; running: SyncRunView | null }>> {
  const rows = await queryRows<RunRow>(
    db,
    sql`(select distinct on (connector) ${COLUMNS} from sync_runs where kind in ('full', 'incremental')
          order by connector, started_at desc)
        union all
        (select ${COLUMNS} from sync_runs where kind in ('full', 'incremental') and status = 'running')`,
  );
  const out = new Map<string, { latest: SyncRunView; running: SyncRunView | null }>();
  for (const row of rows) {
    const view = toRunView(row);
    const entry = out.get(row.connector);
    if (!entry) out.set(row.connector, { latest: view, running: view.status === 'running' ? view : null });
    else if (view.status === 'running') entry.running = view;
  }
  return out;
}
