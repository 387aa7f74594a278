import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type Database, queryRows, schema } from '@sentia/db';
import { and, eq, sql } from 'drizzle-orm';

/** Every chunk but the last is exactly this long, so a byte offset maps to a chunk by division. */
export const CHUNK_BYTES = 1024 * 1024;

export class UploadTooLargeError extends Error {
  /** Read by the HTTP error handler: a 413 problem+json. */
  readonly statusCode = 413;
  readonly code = 'SENTIA_UPLOAD_TOO_LARGE';
  constructor(message: string) {
    super(message);
    this.name = 'UploadTooLargeError';
  }
}

export interface StoredFile {
  id: string;
  sizeBytes: number;
  checksum: string;
  /** The first bytes, to recognise the format by content. */
  head: Buffer;
}

/**
 * Streams an upload into `import_files` / `import_file_chunks` in 1 MB chunks while hashing it,
 * so neither the web process nor PostgreSQL ever needs the whole file in one piece. More than
 * `maxBytes` (or the stream reporting itself truncated by the multipart limit) stops it with a
 * 413; whatever was stored is deleted again on any failure.
 */
export async function storeUpload(
  db: Database,
  input: AsyncIterable<Buffer | Uint8Array> & { truncated?: boolean },
  options: { format: 'csv' | 'xlsx'; maxBytes: number },
): Promise<StoredFile> {
  const [file] = await db
    .insert(schema.importFiles)
    .values({ format: options.format })
    .returning({ id: schema.importFiles.id });
  const id = file!.id;
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let size = 0;
  let seq = 0;
  let head = Buffer.alloc(0);
  const flush = async (all: boolean) => {
    while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
      const joined = Buffer.concat(pending, pendingBytes);
      const chunk = joined.subarray(0, CHUNK_BYTES);
      await db.insert(schema.importFileChunks).values({ fileId: id, seq: seq++, data: Buffer.from(chunk) });
      const rest = joined.subarray(chunk.length);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  };
  try {
    for await (const piece of input) {
      const buffer = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      size += buffer.length;
      if (size > options.maxBytes) throw tooLarge(options.maxBytes);
      if (head.length < 8) head = Buffer.concat([head, buffer.subarray(0, 8 - head.length)]);
      hash.update(buffer);
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= CHUNK_BYTES) await flush(false);
    }
    if (input.truncated) throw tooLarge(options.maxBytes);
    await flush(true);
    const checksum = hash.digest('hex');
    await db
      .update(schema.importFiles)
      .set({ sizeBytes: size, checksum, complete: true })
      .where(eq(schema.importFiles.id, id));
    return { id, sizeBytes: size, checksum, head };
  } catch (error) {
    await deleteStoredFile(db, id).catch(() => {});
    throw error;
  }
}

function tooLarge(maxBytes: number): UploadTooLargeError {
  return new UploadTooLargeError(
    `The file is larger than the import limit of ${formatBytes(maxBytes)}. Split it into smaller files.`,
  );
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

export async function deleteStoredFile(db: Database, fileId: string): Promise<void> {
  await db.delete(schema.importFiles).where(eq(schema.importFiles.id, fileId));
}

/** One stored chunk, or undefined past the end. */
export async function readStoredChunk(
  db: Database,
  fileId: string,
  seq: number,
): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ data: schema.importFileChunks.data })
    .from(schema.importFileChunks)
    .where(and(eq(schema.importFileChunks.fileId, fileId), eq(schema.importFileChunks.seq, seq)));
  return row?.data;
}

/** The stored chunks in order, one query per chunk (never more than 1 MB in memory at once). */
export async function* readStoredChunks(db: Database, fileId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const chunk = await readStoredChunk(db, fileId, seq);
    if (!chunk) return;
    yield chunk;
  }
}

export function storedFileStream(db: Database, fileId: string): Readable {
  return Readable.from(readStoredChunks(db, fileId), { objectMode: false });
}

/** Bytes [offset, offset + length) of a stored file, yielded chunk by chunk. */
export async function* readStoredRange(
  db: Database,
  fileId: string,
  offset: number,
  length: number,
): AsyncGenerator<Buffer> {
  let position = offset;
  const end = offset + length;
  while (position < end) {
    const seq = Math.floor(position / CHUNK_BYTES);
    const [row] = await queryRows<{ data: Buffer | Uint8Array }>(
      db,
      sql`select substring(data from ${(position % CHUNK_BYTES) + 1} for ${Math.min(end - position, CHUNK_BYTES - (position % CHUNK_BYTES))}) as data
          from import_file_chunks where file_id = ${fileId} and seq = ${seq}`,
    );
    if (!row) throw new Error(`stored file ${fileId} ends before byte ${position}`);
    const data = Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data);
    if (data.length === 0) throw new Error(`stored file ${fileId} ends before byte ${position}`);
    yield data;
    position += data.length;
  }
}

/** Reads a small range whole (zip headers and directories). */
export async function readStoredBytes(
  db: Database,
  fileId: string,
  offset: number,
  length: number,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of readStoredRange(db, fileId, offset, length)) parts.push(part);
  return Buffer.concat(parts);
}
