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
  rows: AsyncIterable<SheetRow>;
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
  async function* text(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    for await (const chunk of chunks) {
      bytes += chunk.length;
      let decoded: string;
      try {
        decoded = decoder.decode(chunk, { stream: true });
      } catch {
        throw new UnreadableFileError(
          `The file is not UTF-8 text (near line ${line}). Save it as "CSV UTF-8" and upload it again.`,
          line,
        );
      }
      for (let i = decoded.indexOf('\n'); i >= 0; i = decoded.indexOf('\n', i + 1)) line++;
      yield decoded;
    }
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw new UnreadableFileError('The file ends in the middle of a UTF-8 character.', line);
    }
  }

  async function* rows(): AsyncGenerator<SheetRow> {
    const source = text();
    const first = await source.next();
    if (first.done) return;
    const delimiter = guessDelimiter(first.value);
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
      for await (const cells of parser as AsyncIterable<string[]>) {
        const row: SheetRow = { line, cells };
        line += 1 + embeddedNewlines(cells);
        yield row;
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

async function* prepend(first: string, rest: AsyncGenerator<string>): AsyncGenerator<string> {
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
