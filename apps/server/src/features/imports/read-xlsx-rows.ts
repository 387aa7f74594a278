import { Readable } from 'node:stream';
import type { SheetRow } from '@sentia/domain';
import ExcelJS from 'exceljs';
import { type RowSource, UnreadableFileError } from './read-csv-rows';

const XLSX_BATCH_ROWS = 500;

/**
 * Streams the rows of the first worksheet with exceljs's streaming WorkbookReader (the file has
 * passed the zip-bomb inspection before). Line numbers are the sheet's row numbers. Cells become
 * the text a person would type: dates as YYYY-MM-DD (or ISO instants when they carry a time),
 * numbers without binary noise (15 significant digits, as spreadsheets show them), formulas as
 * their stored result. A cell holding a spreadsheet error (#N/A…) is reported against its column.
 */
export function readXlsxRows(chunks: AsyncIterable<Buffer>): RowSource {
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      yield chunk;
    }
  }

  async function* rows(): AsyncGenerator<SheetRow[]> {
    const input = Readable.from(counted());
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    try {
      for await (const worksheet of workbook) {
        let batch: SheetRow[] = [];
        for await (const row of worksheet) {
          const values = (row.values ?? []) as unknown[];
          const cells: string[] = [];
          const cellErrors: { index: number; reason: string }[] = [];
          for (let column = 1; column < values.length; column++) {
            const cell = cellText(values[column]);
            if (typeof cell === 'string') cells.push(cell);
            else {
              cells.push('');
              cellErrors.push({ index: column - 1, reason: cell.error });
            }
          }
          batch.push(
            cellErrors.length > 0 ? { line: row.number, cells, cellErrors } : { line: row.number, cells },
          );
          if (batch.length >= XLSX_BATCH_ROWS) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
        // Only the first worksheet is imported (a template's second sheet documents its columns).
        break;
      }
    } catch (error) {
      if (error instanceof UnreadableFileError) throw error;
      throw new UnreadableFileError(
        `The workbook could not be read (${error instanceof Error ? error.message : String(error)}).`,
        null,
      );
    } finally {
      input.destroy();
    }
  }

  return { rows: rows(), bytesRead: () => bytes };
}

/** The text of one cell value as exceljs reports it, or the spreadsheet error it holds. */
export function cellText(value: unknown): string | { error: string } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
    }
    if (typeof v.error === 'string') return { error: `the cell holds the spreadsheet error ${v.error}` };
    if ('formula' in v || 'sharedFormula' in v) {
      if (v.result === undefined) {
        return {
          error: 'the formula has no stored result (open and save the workbook in a spreadsheet first)',
        };
      }
      return cellText(v.result);
    }
    if (typeof v.text === 'string') return v.text;
    if (v.text !== undefined) return cellText(v.text);
  }
  return String(value);
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  // 0.1 + 0.2 is stored as 0.30000000000000004; a spreadsheet shows (and means) 0.3.
  return String(Number(value.toPrecision(15)));
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
