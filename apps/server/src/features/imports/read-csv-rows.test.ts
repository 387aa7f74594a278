import { describe, expect, it } from 'vitest';
import { guessDelimiter, readCsvRows, UnreadableFileError } from './read-csv-rows';

async function rowsOf(...chunks: (string | Buffer)[]) {
  const source = readCsvRows(
    (async function* () {
      for (const c of chunks) yield Buffer.isBuffer(c) ? c : Buffer.from(c);
    })(),
  );
  const rows = [];
  for await (const batch of source.rows) rows.push(...batch);
  return { rows, bytes: source.bytesRead() };
}

describe('CSV rows', () => {
  it('numbers rows by their first text line, across quoted line breaks and blank lines', async () => {
    const { rows } = await rowsOf('a,b\r\n1,"x\r\ny"\r\n\r\n2,z\r\n');
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\r\ny']],
      [4, ['']],
      [5, ['2', 'z']],
    ]);
  });

  it('guesses semicolons and tabs from the header and drops a byte-order mark', async () => {
    expect(guessDelimiter('sku;name;"a,b"\n1;2;3')).toBe(';');
    expect(guessDelimiter('sku\tname\n')).toBe('\t');
    expect(guessDelimiter('sku\n')).toBe(',');
    const { rows } = await rowsOf('\uFEFFsku;on_hand\nGIN;5\n');
    expect(rows.map((r) => r.cells)).toEqual([
      ['sku', 'on_hand'],
      ['GIN', '5'],
    ]);
  });

  it('reads characters split across chunks, and refuses text that is not UTF-8 with its line', async () => {
    const euro = Buffer.from('name\nCafé €5\n');
    const split = await rowsOf(euro.subarray(0, 10), euro.subarray(10));
    expect(split.rows[1]?.cells).toEqual(['Café €5']);
    expect(split.bytes).toBe(euro.length);
    const latin1 = Buffer.concat([Buffer.from('name\nok\n'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]);
    const error = await rowsOf(latin1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as UnreadableFileError).line).toBe(3);
    expect((error as Error).message).toMatch(/not UTF-8 text \(near line 3\)/);
  });

  it('stops at malformed quoting with the line where it happened', async () => {
    const error = await rowsOf('a,b\n1,"open\n2,3\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toMatch(/^The CSV is malformed at line \d+ \(Quote Not Closed/);
  });
});
