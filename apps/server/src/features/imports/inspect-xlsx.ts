import { createInflateRaw } from 'node:zlib';
import type { ImportLimits } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import { formatBytes, readStoredBytes, readStoredRange, UploadTooLargeError } from './stored-file';

export class InvalidWorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidWorkbookError';
  }
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

/**
 * Refuses XLSX zip bombs before any XML parser sees the file. An XLSX is a zip archive; this reads
 * its central directory and checks the number of parts, their declared sizes and compression
 * ratios against the limits, then checks the archive is laid out plainly (parts back to back, each
 * local header agreeing with the directory, so a streaming reader sees exactly these parts), and
 * finally inflates every part, counting the bytes it really expands to: a part that lies about its
 * size is caught too. Nothing is kept in memory beyond one 1 MB chunk and the directory.
 */
export async function inspectXlsx(
  db: Database,
  fileId: string,
  sizeBytes: number,
  limits: Pick<ImportLimits, 'maxXlsxExpandedBytes' | 'maxXlsxCompressionRatio' | 'maxXlsxEntries'>,
): Promise<void> {
  const { entries, directoryOffset } = await readCentralDirectory(
    db,
    fileId,
    sizeBytes,
    limits.maxXlsxEntries,
  );
  let declared = 0;
  for (const entry of entries) {
    declared += entry.size;
    if (declared > limits.maxXlsxExpandedBytes) throw bomb(limits.maxXlsxExpandedBytes);
    if (entry.size > 1024 * 1024 && entry.size > entry.compressedSize * limits.maxXlsxCompressionRatio) {
      throw new UploadTooLargeError(
        `The workbook part ${entry.name} expands ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times, more than the limit of ${limits.maxXlsxCompressionRatio}: it looks like a zip bomb and was refused.`,
      );
    }
  }
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  let expanded = 0;
  for (const entry of ordered) {
    if (entry.localOffset !== expected) throw invalid('its parts are not stored one after another');
    const header = await readStoredBytes(db, fileId, entry.localOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw invalid('a part header is damaged');
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const name = (await readStoredBytes(db, fileId, entry.localOffset + 30, nameLength)).toString('utf8');
    if (name !== entry.name) throw invalid('its directory does not match its contents');
    if ((entry.flags & 0x08) === 0) {
      if (header.readUInt32LE(18) !== entry.compressedSize || header.readUInt32LE(22) !== entry.size) {
        throw invalid('its directory does not match its contents');
      }
    }
    const dataStart = entry.localOffset + 30 + nameLength + extraLength;
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > sizeBytes) throw invalid('a part runs past the end of the file');
    expanded += await inflatedSize(db, fileId, entry, dataStart, limits.maxXlsxExpandedBytes - expanded);
    expected = dataEnd;
    if ((entry.flags & 0x08) !== 0) {
      const signature = (await readStoredBytes(db, fileId, dataEnd, 4)).readUInt32LE(0);
      expected += signature === DESCRIPTOR ? 16 : 12;
    }
  }
  if (expected !== directoryOffset) {
    throw invalid('it contains data outside its parts');
  }
}

function bomb(maxBytes: number): UploadTooLargeError {
  return new UploadTooLargeError(
    `The workbook expands to more than the limit of ${formatBytes(maxBytes)} when unzipped: it was refused (a zip bomb, or a workbook to split into smaller files).`,
  );
}

function invalid(why: string): InvalidWorkbookError {
  return new InvalidWorkbookError(`The file is not a readable .xlsx workbook: ${why}.`);
}

async function readCentralDirectory(
  db: Database,
  fileId: string,
  sizeBytes: number,
  maxEntries: number,
): Promise<{ entries: ZipEntry[]; directoryOffset: number }> {
  if (sizeBytes < 22) throw invalid('it is too short to be a zip archive');
  const tailLength = Math.min(sizeBytes, 22 + 0xffff);
  const tail = await readStoredBytes(db, fileId, sizeBytes - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw invalid('it has no zip directory');
  const count = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw invalid('ZIP64 archives are not accepted');
  }
  if (count > maxEntries) {
    throw new UploadTooLargeError(`The workbook has ${count} parts, more than the limit of ${maxEntries}.`);
  }
  if (directoryOffset + directorySize > sizeBytes) throw invalid('its directory is damaged');
  const directory = await readStoredBytes(db, fileId, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > directory.length || directory.readUInt32LE(offset) !== CENTRAL) {
      throw invalid('its directory is damaged');
    }
    const flags = directory.readUInt16LE(offset + 8);
    const method = directory.readUInt16LE(offset + 10);
    const nameLength = directory.readUInt16LE(offset + 28);
    const extraLength = directory.readUInt16LE(offset + 30);
    const commentLength = directory.readUInt16LE(offset + 32);
    const entry: ZipEntry = {
      flags,
      method,
      compressedSize: directory.readUInt32LE(offset + 20),
      size: directory.readUInt32LE(offset + 24),
      localOffset: directory.readUInt32LE(offset + 42),
      name: directory.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'),
    };
    if ((flags & 0x01) !== 0) throw invalid('it is encrypted');
    if (method !== 0 && method !== 8)
      throw invalid(`part ${entry.name} uses an unsupported compression method`);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, directoryOffset };
}

/** Inflates one part, counting its real size; more than declared, or than the budget left, is refused. */
async function inflatedSize(
  db: Database,
  fileId: string,
  entry: ZipEntry,
  dataStart: number,
  budget: number,
): Promise<number> {
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw invalid(`part ${entry.name} has inconsistent sizes`);
    if (entry.size > budget) throw bomb(budget);
    return entry.size;
  }
  const inflater = createInflateRaw();
  let produced = 0;
  let failure: Error | undefined;
  inflater.on('data', (chunk: Buffer) => {
    produced += chunk.length;
    if (produced > entry.size) {
      failure = invalid(`part ${entry.name} expands to more than its directory says`);
      inflater.destroy();
    } else if (produced > budget) {
      failure = bomb(budget);
      inflater.destroy();
    }
  });
  const finished = new Promise<void>((resolve, reject) => {
    inflater.on('end', resolve);
    inflater.on('close', resolve);
    inflater.on('error', (error) =>
      reject(failure ?? invalid(`part ${entry.name} is damaged (${error.message})`)),
    );
  });
  for await (const part of readStoredRange(db, fileId, dataStart, entry.compressedSize)) {
    if (failure) break;
    if (!inflater.write(part)) {
      await new Promise<void>((resolve) => {
        inflater.once('drain', resolve);
        inflater.once('close', resolve);
      });
    }
  }
  if (!failure) inflater.end();
  await finished.catch((error: Error) => {
    failure ??= error;
  });
  if (failure) throw failure;
  if (produced !== entry.size) throw invalid(`part ${entry.name} is shorter than its directory says`);
  return produced;
}
