import type { Database } from '@sentia/db';
import { type Column, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** The parts of node-postgres's connection a COPY FROM STDIN needs. */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain: boolean };
}

/** A node-postgres client: what a Drizzle transaction on PostgreSQL runs its statements on. */
export interface PgClient {
  connection: PgConnection;
  query(submittable: unknown): unknown;
}

/**
 * The node-postgres client a Drizzle transaction holds, or null when `db` is not a transaction on
 * node-postgres (PGlite, or the pool itself). COPY needs the transaction's own connection.
 */
export function pgClientOf(db: Database): PgClient | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client as
    | Partial<PgClient>
    | undefined;
  if (!client || typeof client.query !== 'function') return null;
  const connection = client.connection as Partial<PgConnection> | undefined;
  return connection && typeof connection.sendCopyFromChunk === 'function' ? (client as PgClient) : null;
}

/**
 * `COPY … FROM STDIN` on a node-postgres client: answers the server's CopyInResponse by streaming
 * the chunks as CopyData messages (waiting whenever the socket asks to drain), then CopyDone.
 * Resolves with the row count PostgreSQL reports; a server error rejects (and the transaction is
 * then aborted, like any failed statement).
 */
export function copyFrom(
  client: PgClient,
  statement: string,
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
) {
  return new Promise<number>((resolve, reject) => {
    let rows = 0;
    let failure: Error | undefined;
    client.query({
      submit(connection: PgConnection) {
        connection.query(statement);
      },
      handleCopyInResponse(connection: PgConnection) {
        void (async () => {
          try {
            for await (const chunk of chunks) {
              if (failure) break;
              connection.sendCopyFromChunk(chunk);
              const socket = connection.stream;
              if (socket.writableNeedDrain) await new Promise((r) => socket.once('drain', r));
            }
            if (failure) connection.sendCopyFail('aborted');
            else connection.endCopyFrom();
          } catch (error) {
            failure = error as Error;
            connection.sendCopyFail(String(error));
          }
        })();
      },
      handleCommandComplete(message: { text: string }) {
        rows = Number(/COPY (\d+)/.exec(message.text)?.[1] ?? 0);
      },
      handleReadyForQuery() {
        if (failure) reject(failure);
        else resolve(rows);
      },
      // node-postgres drops the active query on an ErrorResponse (ReadyForQuery then reaches the
      // client, not us): settle here, and the sending loop stops at its next chunk.
      handleError(error: Error) {
        failure = error;
        reject(error);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    });
  });
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
  return String(value);
}

/** Rows of a Drizzle table as COPY text (values as the driver would send them), in ~1 MB buffers. */
function* copyChunks(
  keys: readonly string[],
  columns: readonly Column[],
  rows: readonly Record<string, unknown>[],
): Generator<Buffer> {
  let parts: string[] = [];
  let size = 0;
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < keys.length; i++) {
      const value = row[keys[i]!];
      if (i > 0) line += '\t';
      line += copyText(value === null || value === undefined ? null : columns[i]!.mapToDriverValue(value));
    }
    line += '\n';
    parts.push(line);
    size += line.length;
    if (size >= 1 << 20) {
      yield Buffer.from(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield Buffer.from(parts.join(''));
}

/**
 * Inserts rows with COPY on the transaction's connection: the fastest way into PostgreSQL, for rows
 * that cannot conflict with stored ones (the lines of an order inserted in the same transaction).
 * Every property any row sets is a column; a column a row leaves out is null there.
 */
export async function copyRows<T extends PgTable>(
  client: PgClient,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = getTableColumns(table) as Record<string, Column>;
  const seen = new Set<string>();
  for (const row of rows) for (const key in row as object) seen.add(key);
  const keys = [...seen];
  const used = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`);
    return column;
  });
  return copyFrom(
    client,
    `copy "${getTableName(table)}" (${used.map((c) => `"${c.name}"`).join(', ')}) from stdin`,
    copyChunks(keys, used, rows as readonly Record<string, unknown>[]),
  );
}
