import { queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../platform/errors';
import { addIngestResult, emptyIngestResult, type IngestResult } from '../ingest/index';
import { getConnector } from './registry';
import { writeRecords } from './write-records';

const CHUNK = 500;

/**
 * Replays a sync run from the payloads it kept: the same `toRecords` and upserts as the run
 * itself, so a fix to a normaliser can be applied to data already fetched without asking the
 * service again. Idempotent like every upsert: replaying twice changes nothing more.
 */
export async function replaySyncRun(
  ctx: AppContext,
  connectorName: string,
  runId: string,
): Promise<IngestResult & { payloads: number }> {
  const connector = getConnector(connectorName);
  const total = emptyIngestResult();
  let payloads = 0;
  let lastId = 0;
  for (;;) {
    const rows = await queryRows<{ id: number | string; entity: string; payload: unknown }>(
      ctx.db,
      sql`select id, entity, payload from raw_payloads
          where connector = ${connector.name} and sync_run_id = ${runId} and id > ${lastId}
          order by id limit ${CHUNK}`,
    );
    if (rows.length === 0) break;
    lastId = Number(rows[rows.length - 1]!.id);
    payloads += rows.length;
    // Consecutive payloads of one entity go together, in the order the run wrote them.
    let start = 0;
    while (start < rows.length) {
      let end = start;
      while (end < rows.length && rows[end]!.entity === rows[start]!.entity) end++;
      const group = rows.slice(start, end);
      await ctx.db.transaction(async (transaction) => {
        const tx = transaction as unknown as AppContext['db'];
        const converted = await connector.toRecords(
          { ...ctx, db: tx },
          group[0]!.entity,
          group.map((r) => r.payload),
        );
        const written = await writeRecords(tx, converted.records);
        addIngestResult(total, written.total);
        total.rejected += converted.rejections.length;
      });
      start = end;
    }
  }
  if (payloads === 0) throw new NotFoundError(`No payloads kept for run ${runId} of ${connector.label}.`);
  return { ...total, payloads };
}
