import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../records/sales-records';
import { checkRecord } from '../records/validate-record';
import { IMPORT_KINDS, IMPORT_SOURCE, type ImportKind } from './import-template';
import { readHeader } from './read-header';
import { rejectionErrors } from './rejection-errors';
import { type AssembledRecord, RowAssembler } from './row-assembler';
import { IMPORT_TEMPLATES, templateCsv } from './templates';

/** Runs a sheet (header first, then data rows from line 2) through the assembler. */
function assemble(kind: ImportKind, sheet: string[][], options: { validate?: boolean } = {}) {
  const template = IMPORT_TEMPLATES[kind];
  const header = readHeader(template, sheet[0]!, 1);
  const assembler = new RowAssembler(template, header, IMPORT_SOURCE, options);
  const records: AssembledRecord<unknown>[] = [];
  sheet.slice(1).forEach((cells, i) => {
    records.push(...assembler.push({ line: i + 2, cells }));
  });
  records.push(...assembler.finish());
  return { header, records, errors: records.flatMap((r) => r.errors) };
}

function exampleSheet(kind: ImportKind): string[][] {
  const template = IMPORT_TEMPLATES[kind];
  const names = template.columns.map((c) => c.name);
  return [names, ...template.examples.map((row) => names.map((n) => row[n] ?? ''))];
}

const ORDER_HEADER = [
  'order_id',
  'channel',
  'order_date',
  'status',
  'currency',
  'sku',
  'quantity',
  'unit_price',
];

describe('import templates', () => {
  it.each(IMPORT_KINDS)('the %s template examples read without a single error', (kind) => {
    const { header, records, errors } = assemble(kind, exampleSheet(kind));
    expect(header.errors).toEqual([]);
    expect(errors).toEqual([]);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r.record).toMatchObject({ source: 'csv' });
  });

  it.each(IMPORT_KINDS)('the %s CSV template has the header and one line per example', (kind) => {
    const lines = templateCsv(IMPORT_TEMPLATES[kind]).trimEnd().split('\r\n');
    expect(lines[0]).toBe(IMPORT_TEMPLATES[kind].columns.map((c) => c.name).join(','));
    expect(lines).toHaveLength(IMPORT_TEMPLATES[kind].examples.length + 1);
  });

  it('builds an order from its consecutive rows with exact money and defaulted fields', () => {
    const { records, errors } = assemble('orders', exampleSheet('orders'));
    expect(errors).toEqual([]);
    expect(records.map((r) => r.lines)).toEqual([[2, 3], [4]]);
    const first = records[0]!.record as OrderRecord;
    expect(first.lines).toEqual([
      { lineKey: '1', sku: 'GIN-LDN-70', quantity: 2, unitPriceMinor: 2900, netAmountMinor: 5800 },
      {
        lineKey: '2',
        sku: 'GIN-PINK-70',
        quantity: 1,
        unitPriceMinor: 3000,
        discountMinor: 300,
        netAmountMinor: 2700,
      },
    ]);
    const second = records[1]!.record as OrderRecord;
    expect(second).toMatchObject({ orderedAt: '2026-03-15T00:00:00Z', customerCode: 'WS-HARVEY' });
    expect(second.lines[0]).toMatchObject({ lineKey: 'A1', netAmountMinor: 111000 });
  });
});

describe('reporting bad rows', () => {
  it('reports every bad cell with its line, column, value and reason, not only the first', () => {
    const { records, errors } = assemble('orders', [
      ORDER_HEADER,
      ['A-1', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-LDN-70', '2', '29.00'],
      ['A-2', 'shopify-uk', '14/03/2026', 'sold', 'GBP', 'GIN-LDN-70', '0', '£29'],
      ['A-3', 'shopify-uk', '2026-03-14', 'paid', 'GBP', '', '1', '29.001'],
      ['A-4', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-LDN-70', '1', '29.00'],
    ]);
    expect(errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [3, 'order_date', '14/03/2026'],
      [3, 'status', 'sold'],
      [3, 'quantity', '0'],
      [3, 'unit_price', '£29'],
      [4, 'sku', null],
      [4, 'unit_price', '29.001'],
    ]);
    expect(errors.find((e) => e.column === 'order_date')?.reason).toMatch(/ambiguous/);
    expect(errors.find((e) => e.column === 'sku')?.reason).toBe('is required');
    expect(records.map((r) => r.record !== undefined)).toEqual([true, false, false, true]);
  });

  it('refuses a record whose rows disagree on record-level cells, or whose rows are not consecutive', () => {
    const { records, errors } = assemble('orders', [
      ORDER_HEADER,
      ['A-1', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-LDN-70', '2', '29.00'],
      ['A-1', 'shopify-uk', '2026-03-14', 'shipped', 'GBP', 'GIN-PINK-70', '1', '30.00'],
      ['B-1', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-LDN-70', '1', '29.00'],
      ['A-1', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-LDN-70', '1', '29.00'],
    ]);
    expect(errors).toEqual([
      {
        line: 3,
        column: 'status',
        value: 'shipped',
        reason: 'differs from line 2 of the same order ("paid" there)',
      },
      {
        line: 5,
        column: 'order_id',
        value: 'A-1',
        reason: 'order A-1 already appeared at line 2: the rows of one order must be consecutive',
      },
    ]);
    expect(records.map((r) => r.record !== undefined)).toEqual([false, true, false]);
  });

  it('reports duplicate keys of single-row kinds against the first line', () => {
    const { errors } = assemble('stock-levels', [
      ['SKU', 'Location', 'As Of', 'On Hand'],
      ['GIN-LDN-70', 'DIST-UK', '2026-03-14', '10'],
      ['GIN-LDN-70', 'DIST-UK', '2026-03-14', '12'],
    ]);
    expect(errors).toEqual([
      {
        line: 3,
        column: null,
        value: 'GIN-LDN-70@DIST-UK@2026-03-14',
        reason: 'the same sku, location and as_of as line 2',
      },
    ]);
  });

  it('maps record-level rule failures back to the cell at fault', () => {
    const { errors } = assemble('invoices', [
      [
        'invoice_id',
        'type',
        'contact_name',
        'issue_date',
        'due_date',
        'status',
        'currency',
        'amount',
        'amount_due',
      ],
      ['I-1', 'receivable', 'Harvey', '2026-03-10', '2026-03-01', 'paid', 'GBP', '10.00', '12.00'],
    ]);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'amount_due'],
      [2, 'due_date'],
      [2, 'paid_date'],
    ]);
  });

  it('maps the reasons of records checked later (by the ingest) back to the same cells', () => {
    const sheet = [
      [
        'invoice_id',
        'type',
        'contact_name',
        'issue_date',
        'due_date',
        'status',
        'currency',
        'amount',
        'amount_due',
      ],
      ['I-1', 'receivable', 'Harvey', '2026-03-10', '2026-03-01', 'paid', 'GBP', '10.00', '12.00'],
    ];
    const { records, errors } = assemble('invoices', sheet, { validate: false });
    expect(errors).toEqual([]);
    const check = checkRecord(IMPORT_TEMPLATES.invoices.schema, records[0]!.record);
    expect(check.ok).toBe(false);
    const mapped = rejectionErrors(IMPORT_TEMPLATES.invoices, records[0]!, check.ok ? '' : check.reason);
    expect(mapped).toEqual(assemble('invoices', sheet).errors);
    expect(mapped[0]).toEqual({
      line: 2,
      column: 'amount_due',
      value: '12.00',
      reason: 'amount due must not exceed the amount',
    });

    const order = assemble(
      'orders',
      [
        ORDER_HEADER,
        ['A-1', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-LDN-70', '1', '29.00'],
        ['A-1', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-PINK-70', '1', '30.00'],
      ],
      { validate: false },
    ).records[0]!;
    const reason = 'lines.1.sku: Too big: expected string to have <=200 characters';
    expect(rejectionErrors(IMPORT_TEMPLATES.orders, order, reason)).toEqual([
      {
        line: 3,
        column: 'sku',
        value: 'GIN-PINK-70',
        reason: 'Too big: expected string to have <=200 characters',
      },
    ]);
  });

  it('checks amounts in their row currency and needs a date for prices', () => {
    const header = [
      'sku',
      'name',
      'unit_cost',
      'cost_currency',
      'pack_size',
      'moq',
      'lead_time_days',
      'price_jpy',
    ];
    const { errors, records } = assemble('products', [
      header,
      ['P-1', 'One', '1.5', 'JPY', '1', '1', '0', '100'],
      ['P-2', 'Two', '1.5', 'XX', '1', '1', '0', ''],
    ]);
    expect(errors.map((e) => [e.line, e.column, e.reason])).toEqual([
      [2, 'unit_cost', 'has more decimal places than JPY has (0)'],
      [2, 'price_valid_from', 'is required when a price is given'],
      [3, 'cost_currency', 'must be a three-letter currency code such as GBP'],
    ]);
    expect(records.every((r) => r.record === undefined)).toBe(true);
  });

  it('reports unknown, repeated and missing header columns, with a suggestion for typos', () => {
    const template = IMPORT_TEMPLATES.orders;
    const { errors } = readHeader(template, ['order_id', 'Quantiy', 'order_id', 'channel'], 1);
    expect(errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^unknown column "Quantiy" \(did you mean quantity\?\)/),
      'column order_id appears twice (columns 1 and 3)',
      'required column is missing',
      'required column is missing',
      'required column is missing',
      'required column is missing',
      'required column is missing',
      'required column is missing',
    ]);
    expect(errors.filter((e) => e.reason.startsWith('required')).map((e) => e.column)).toEqual([
      'order_date',
      'status',
      'currency',
      'sku',
      'quantity',
      'unit_price',
    ]);
  });

  it('reports cells beyond the header and ignores blank rows', () => {
    const { errors, records } = assemble('fx-rates', [
      ['date', 'currency', 'rate_to_gbp'],
      ['', '', ''],
      ['2026-03-14', 'EUR', '0.85', 'extra'],
    ]);
    expect(records).toHaveLength(1);
    expect(errors).toEqual([
      { line: 3, column: null, value: 'extra', reason: 'cell 4 is beyond the last column of the header' },
    ]);
  });

  it('places unknown references the ingest reports on the line and column holding them', () => {
    const { records } = assemble('orders', [
      ORDER_HEADER,
      ['A-1', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-LDN-70', '2', '29.00'],
      ['A-1', 'shopify-uk', '2026-03-14', 'paid', 'GBP', 'GIN-XX', '1', '30.00'],
    ]);
    const errors = rejectionErrors(
      IMPORT_TEMPLATES.orders,
      records[0]!,
      'unknown channel "shopify-uk"; unknown sku "GIN-XX"',
    );
    expect(errors).toEqual([
      { line: 2, column: 'channel', value: 'shopify-uk', reason: 'no channel "shopify-uk" exists' },
      {
        line: 3,
        column: 'sku',
        value: 'GIN-XX',
        reason: 'no sku "GIN-XX" exists: import it with the products template first',
      },
    ]);
    expect(rejectionErrors(IMPORT_TEMPLATES.orders, records[0]!, 'something else')).toEqual([
      { line: 2, column: null, value: null, reason: 'something else' },
    ]);
  });
});
