import type { ImportView } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import { csrfToken } from './imports-api';
import { kindFromSearch, progressText, resultFacts, validRowsOnRetry } from './imports-model';

const view: ImportView = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'orders',
  filename: 'orders.csv',
  format: 'csv',
  mode: 'all-or-nothing',
  status: 'failed',
  checksum: 'abc',
  sizeBytes: 1000,
  rowsTotal: 10,
  rowsRead: 11,
  rowsImported: 0,
  rowsRejected: 2,
  recordsWritten: 0,
  recordsKept: 0,
  errorCount: 3,
  percent: 100,
  message: '2 of 10 rows have errors: nothing was imported (all or nothing).',
  errors: [],
  retryOf: null,
  canRetry: true,
  createdBy: 'Admin',
  createdAt: '2026-03-14T10:00:00Z',
  finishedAt: '2026-03-14T10:00:05Z',
};

describe('imports page model', () => {
  it('takes the kind from ?kind= (the overview links there) and falls back to orders', () => {
    expect(kindFromSearch(new URLSearchParams('kind=stock-levels'))).toBe('stock-levels');
    expect(kindFromSearch(new URLSearchParams('kind=../admin'))).toBe('orders');
    expect(kindFromSearch(new URLSearchParams())).toBe('orders');
  });

  it('offers to import the valid rows only when bad rows were why an all-or-nothing import failed', () => {
    expect(validRowsOnRetry(view)).toBe(8);
    expect(validRowsOnRetry({ ...view, mode: 'valid-rows' })).toBeNull();
    expect(validRowsOnRetry({ ...view, canRetry: false })).toBeNull();
    expect(validRowsOnRetry({ ...view, rowsTotal: 0, rowsRejected: 0 })).toBeNull();
    expect(validRowsOnRetry({ ...view, rowsTotal: 2, rowsRejected: 2 })).toBeNull();
    expect(validRowsOnRetry({ ...view, status: 'succeeded' })).toBeNull();
  });

  it('describes progress while running and the outcome when finished', () => {
    expect(progressText({ ...view, status: 'validating' })).toMatch(/Waiting for the worker/);
    expect(progressText({ ...view, status: 'importing', percent: 42, rowsRead: 1200, errorCount: 1 })).toBe(
      'Reading the file: 42% (1,200 rows read, 1 error so far).',
    );
    expect(progressText(view)).toBe(view.message);
    expect(
      resultFacts({ ...view, status: 'succeeded', rowsImported: 8, recordsWritten: 4, recordsKept: 1 }).map(
        (f) => `${f.label}: ${f.value}`,
      ),
    ).toEqual([
      'Rows in the file: 10',
      'Rows imported: 8',
      'Rows with errors: 2',
      'Orders written: 4',
      'orders kept (changed later at their source): 1',
    ]);
  });

  it('reads the CSRF token writes must echo from the cookies', () => {
    expect(csrfToken('a=1; sentia_csrf=tok%3D1; b=2')).toBe('tok=1');
    expect(csrfToken('a=1')).toBeUndefined();
  });
});
