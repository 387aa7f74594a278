/**
 * Ingest benchmark: `npm run bench:ingest`.
 *
 * Imports 1,000,000 order lines from a CSV file into PostgreSQL through the production path — the
 * upload stored in chunks, then the import job's use case: streaming CSV parse, row validation,
 * records grouped into orders, batched upserts through the ingest feature, one transaction — and
 * measures, in the same run against the same tables, a plain COPY of the same rows (orders and
 * order_lines, from pre-written COPY files), once before and once after the import. Prints lines/s,
 * the ratio to COPY (target ≥ 0.40) and the peak RSS, and ends with one JSON line.
 *
 * Run with --expose-gc (as the npm script does) to also see the live heap at each tenth of the import.
 *
 * Environment: BENCH_DATABASE_URL (a PostgreSQL server; a database is created and dropped;
 * default postgres://postgres@127.0.0.1:5432/test), BENCH_LINES (default 1000000).
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../../apps/server/src/features/audit/record-audit';
import { setImportLimits } from '../../apps/server/src/features/imports/import-limits';
import { runImport } from '../../apps/server/src/features/imports/run-import';
import { startImport } from '../../apps/server/src/features/imports/start-import';
import { copyFrom, type PgClient } from '../../apps/server/src/features/ingest/copy-rows';
import type { JobQueue } from '../../apps/server/src/platform/jobs/job-definition';
import { createPostgresTestDatabase } from '../../apps/server/src/test-support/database';
import { MemorySampler, seedCatalogue } from './bench-support';
import { writeOrderFiles } from './order-files';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const totalLines = Number(process.env.BENCH_LINES ?? 1_000_000);
const TARGET_RATIO = 0.4;

const seconds = (ms: number) => Math.round(ms / 10) / 100;
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
const fmt = (n: number) => n.toLocaleString('en-GB');

async function main(): Promise<void> {
  const database = await createPostgresTestDatabase(serverUrl, { poolMax: 6 });
  const dir = mkdtempSync(path.join(tmpdir(), 'sentia-bench-ingest-'));
  const sampler = new MemorySampler();
  try {
    const db = database.handle.db;
    const ids = await seedCatalogue(db);
    const paths = {
      csv: path.join(dir, 'orders.csv'),
      ordersCopy: path.join(dir, 'orders.copy'),
      linesCopy: path.join(dir, 'order_lines.copy'),
    };
    const generated = await writeOrderFiles(totalLines, paths, ids);
    const [version] = await queryRows<{ v: string }>(db, sql`select current_setting('server_version') as v`);
    const csvBytes = statSync(paths.csv).size;
    console.log(
      `Ingest benchmark: ${fmt(generated.lines)} order lines in ${fmt(generated.orders)} orders, a ${(csvBytes / 1e6).toFixed(1)} MB CSV, PostgreSQL ${version?.v}.`,
    );
    console.log(
      'COPY: orders then order_lines from COPY text files (same rows, same tables, same indexes and keys).',
    );
    console.log(
      'Import: upload stored in chunks, then the import job (CSV parse, validation, ingest upserts, one transaction).\n',
    );

    const copy1 = await timeCopy(database.url, paths);
    console.log(
      `COPY, run 1              ${seconds(copy1).toFixed(2).padStart(7)} s  ${fmt(perSecond(totalLines, copy1)).padStart(9)} lines/s`,
    );
    await truncate(db);

    await setImportLimits(db, SYSTEM_ACTOR, { maxUploadBytes: Math.max(csvBytes * 2, 100 * 1024 * 1024) });
    let importId = '';
    const jobs = {
      enqueue: async (_job: unknown, payload: { importId: string }) => {
        importId = payload.importId;
        return { id: importId, enqueued: true };
      },
    } as unknown as JobQueue<never>;
    sampler.start('upload');
    const uploadStarted = performance.now();
    await startImport({ db, jobs }, SYSTEM_ACTOR, {
      kind: 'orders',
      mode: 'all-or-nothing',
      filename: 'bench-orders.csv',
      file: createReadStream(paths.csv),
    });
    const uploadMs = performance.now() - uploadStarted;
    console.log(`upload (store + SHA-256) ${seconds(uploadMs).toFixed(2).padStart(7)} s`);

    sampler.start('import');
    const importStarted = performance.now();
    const importCpu = process.cpuUsage();
    const outcome = await runImport({ db, databaseKind: 'postgres' }, importId, {
      onProgress: (p) => sampler.mark(p.percent),
    });
    const importMs = performance.now() - importStarted;
    const cpu = process.cpuUsage(importCpu);
    const importCpuMs = (cpu.user + cpu.system) / 1000;
    sampler.stop();
    if (outcome?.status !== 'succeeded') throw new Error(`the import failed: ${outcome?.message}`);
    const [stored] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from order_lines`);
    if (stored?.n !== totalLines) throw new Error(`expected ${totalLines} order lines, found ${stored?.n}`);
    console.log(
      `import                   ${seconds(importMs).toFixed(2).padStart(7)} s  ${fmt(perSecond(totalLines, importMs)).padStart(9)} lines/s  (${fmt(outcome.counts.recordsWritten)} orders written, 0 errors; Node CPU ${seconds(importCpuMs).toFixed(1)} s)`,
    );
    await truncate(db);

    const copy2 = await timeCopy(database.url, paths);
    console.log(
      `COPY, run 2              ${seconds(copy2).toFixed(2).padStart(7)} s  ${fmt(perSecond(totalLines, copy2)).padStart(9)} lines/s`,
    );

    const copyMs = (copy1 + copy2) / 2;
    const ratio = Math.round((copyMs / importMs) * 1000) / 1000;
    const memory = sampler.report();
    console.log(
      `\nimport / COPY throughput: ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
    );
    console.log(
      `RSS during the import: ${memory.import.atPercent.map((m) => `${m.percent}% ${m.mb} MB`).join(', ')}; peak ${memory.import.peakMb} MB (process peak ${memory.processPeakMb} MB)`,
    );
    const live = memory.import.atPercent.filter((m) => m.liveHeapMb !== null);
    if (live.length > 0) {
      console.log(
        `live heap after a full GC: ${live.map((m) => `${m.percent}% ${m.liveHeapMb} MB`).join(', ')}`,
      );
    }
    console.log(
      JSON.stringify({
        bench: 'ingest',
        lines: totalLines,
        orders: generated.orders,
        csvBytes,
        copyLinesPerSec: perSecond(totalLines, copyMs),
        copySeconds: [seconds(copy1), seconds(copy2)],
        importLinesPerSec: perSecond(totalLines, importMs),
        importSeconds: seconds(importMs),
        importNodeCpuSeconds: seconds(importCpuMs),
        uploadSeconds: seconds(uploadMs),
        ratio,
        target: TARGET_RATIO,
        met: ratio >= TARGET_RATIO,
        peakRssMb: memory.import.peakMb,
        uploadPeakRssMb: memory.upload.peakMb,
        processPeakRssMb: memory.processPeakMb,
        liveHeapMb: live.map((m) => m.liveHeapMb),
      }),
    );
  } finally {
    sampler.stop();
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
}

async function timeCopy(url: string, paths: { ordersCopy: string; linesCopy: string }): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await copyFrom(
      client as unknown as PgClient,
      'copy orders (id, source, external_id, channel_id, order_date, ordered_at, status, currency, total_minor) from stdin',
      createReadStream(paths.ordersCopy, { highWaterMark: 1 << 20 }),
    );
    const lines = await copyFrom(
      client as unknown as PgClient,
      'copy order_lines (order_id, line_key, product_id, quantity, unit_price_minor, discount_minor, net_amount_minor, currency) from stdin',
      createReadStream(paths.linesCopy, { highWaterMark: 1 << 20 }),
    );
    const ms = performance.now() - started;
    if (lines !== totalLines) throw new Error(`COPY wrote ${lines} lines, expected ${totalLines}`);
    return ms;
  } finally {
    await client.end();
  }
}

async function truncate(db: Parameters<typeof queryRows>[0]): Promise<void> {
  await db.execute(sql`truncate orders, order_lines, refunds`);
  // A fresh start for the next run: the same empty tables and statistics.
  await db.execute(sql`vacuum analyze orders`);
  await db.execute(sql`vacuum analyze order_lines`);
}

await main();
