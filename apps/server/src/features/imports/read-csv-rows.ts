import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { SheetRow } from '@sentia/domain';
import { CsvError, parse } from 'csv-parse';

/** The file itself cannot be read on (not UTF-8, malformed quoting): stops the import with its line. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

export interface RowSource {
  /** Rows in batches (whatever the parser has ready), so a row costs no promise of its own. */
  rows: AsyncIterable<SheetRow[]>;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
}

/** A record longer than this is refused rather than buffered (a missing closing quote would read the whole file). */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Streams CSV rows through csv-parse: UTF-8 (a BOM is dropped; anything else is refused, since a
 * mis-decoded name or SKU would import wrong silently), the delimiter guessed from the header line
 * (comma, semicolon or tab, as European spreadsheet exports vary). Line numbers are those of a
 * text editor: a quoted cell spanning lines moves the following rows down.
 */
export function readCsvRows(chunks: AsyncIterable<Buffer>): RowSource {
  let bytes = 0;
  // Bytes go to csv-parse as they are (it decodes fields itself); each chunk is only checked to be
  // UTF-8, carrying an incomplete character at its end over to the next one.
  async function* checked(): AsyncGenerator<Buffer> {
    let carry: Buffer = Buffer.alloc(0);
    let lines = 1;
    for await (const chunk of chunks) {
      bytes += chunk.length;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const complete = completeCharacters(data);
      if (!isUtf8(data.subarray(0, complete))) throw notUtf8(lines + countNewlines(data, validPrefix(data)));
      carry = Buffer.from(data.subarray(complete));
      lines += countNewlines(data, complete);
      if (complete > 0) yield data.subarray(0, complete);
    }
    if (carry.length > 0) throw notUtf8(lines);
  }

  async function* rows(): AsyncGenerator<SheetRow[]> {
    const source = checked();
    const first = await source.next();
    if (first.done) return;
    const delimiter = guessDelimiter(first.value.subarray(0, 64 * 1024).toString('utf8'));
    const parser = parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_BYTES,
    });
    Readable.from(prepend(first.value, source))
      .on('error', (error) => parser.destroy(error))
      .pipe(parser);
    let line = 1;
    try {
      for await (const records of drain<string[]>(parser)) {
        const batch: SheetRow[] = [];
        for (const cells of records) {
          batch.push({ line, cells });
          line += 1 + embeddedNewlines(cells);
        }
        yield batch;
      }
    } catch (error) {
      if (error instanceof UnreadableFileError) throw error;
      if (error instanceof CsvError) {
        const at = (error as CsvError & { lines?: number }).lines ?? line;
        throw new UnreadableFileError(
          `The CSV is malformed at line ${at} (${error.message.replace(/ at line \d+/, '')}); nothing after it can be read reliably.`,
          at,
        );
      }
      throw error;
    }
  }

  return { rows: rows(), bytesRead: () => bytes };
}

function notUtf8(line: number): UnreadableFileError {
  return new UnreadableFileError(
    `The file is not UTF-8 text (near line ${line}). Save it as "CSV UTF-8" and upload it again.`,
    line,
  );
}

/** Length of the prefix of `data` that ends on a character boundary (a UTF-8 sequence is at most 4 bytes). */
function completeCharacters(data: Buffer): number {
  for (let back = 1; back <= Math.min(4, data.length); back++) {
    const byte = data[data.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead byte
    const length = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? data.length - back : data.length;
  }
  return data.length;
}

/** Length of the longest prefix that is valid UTF-8 (found by bisection; only on the error path). */
function validPrefix(data: Buffer): number {
  let low = 0;
  let high = data.length;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const prefix = data.subarray(0, middle);
    if (isUtf8(prefix.subarray(0, completeCharacters(prefix)))) low = middle;
    else high = middle - 1;
  }
  return low;
}

function countNewlines(data: Buffer, end: number): number {
  let count = 0;
  for (let i = data.indexOf(10); i >= 0 && i < end; i = data.indexOf(10, i + 1)) count++;
  return count;
}

/**
 * Everything an object-mode stream has buffered, batch by batch: read() until it runs dry, then
 * wait for 'readable' (or the end, or an error). A wake-up that comes while a batch is being
 * consumed is remembered, so none is lost.
 */
export async function* drain<T>(stream: Readable): AsyncGenerator<T[]> {
  let ended = false;
  let failure: unknown;
  let pending = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    if (wake) {
      const resolve = wake;
      wake = undefined;
      resolve();
    } else pending = true;
  };
  stream.on('readable', notify);
  stream.once('end', () => {
    ended = true;
    notify();
  });
  stream.once('error', (error) => {
    failure = error;
    notify();
  });
  try {
    for (;;) {
      const batch: T[] = [];
      for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null)
        batch.push(item);
      if (batch.length > 0) yield batch;
      if (failure) throw failure;
      if (ended) return;
      if (pending) {
        pending = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stream.removeListener('readable', notify);
    if (!ended) stream.destroy();
  }
}

async function* prepend(first: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  yield* rest;
}

function embeddedNewlines(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (cell.length > 0 && cell.includes('\n')) {
      for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) count++;
    }
  }
  return count;
}

/** The delimiter that occurs most often outside quotes on the header line. */
export function guessDelimiter(start: string): string {
  const end = start.search(/\r?\n/);
  const header = (end < 0 ? start : start.slice(0, end)).replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}
