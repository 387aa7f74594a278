import {
  parseDotNetDate,
  type XeroInvoice,
  type XeroInvoicesResponse,
  type XeroOrganisation,
  type XeroPayment,
  type XeroPaymentsResponse,
  type XeroReportsResponse,
} from '@sentia/domain';
import type { SyncOptions, SyncPage } from '../../sync/connector';
import type { XeroClient } from './xero-client';

/** What every payload of a run carries, so a kept payload can be replayed on its own. */
export interface XeroPayloadContext {
  source: string;
  tenantId: string;
  baseCurrency: string;
  /** Balance-sheet payloads: the day they are for. */
  asOf?: string;
}

export interface XeroPayload<T = unknown> {
  account: XeroPayloadContext;
  item: T;
}

export const XERO_PAGE_SIZE = 100;
/** Open invoices are read again in full this often (edits that do not move UpdatedDateUTC, §4.8). */
export const OPEN_INVOICE_REFRESH_MS = 24 * 3600_000;

/**
 * The cursor of a modification-ordered stream. Pages are asked for with `If-Modified-Since: ims`
 * and `order=UpdatedDateUTC ASC`; after a full page the next request moves `ims` up to one second
 * before the newest modification on it and starts again at page 1 (keyset paging: a record
 * modified meanwhile moves to the end and is read later, so no page boundary can skip one). Only
 * when a whole page shares the same second does `page` advance instead. The next pass starts one
 * second before the newest modification the last pass saw (If-Modified-Since is accurate to the
 * second). Stored after every page: a crash resumes with the same request.
 */
export interface XeroStreamCursor {
  pass: 'full' | 'incremental';
  ims: string | null;
  page: number;
  highWater: string | null;
  done: boolean;
}

export function parseXeroCursor(stored: string | undefined): XeroStreamCursor | null {
  if (!stored) return null;
  try {
    const c = JSON.parse(stored) as Partial<XeroStreamCursor>;
    if (c.pass !== 'full' && c.pass !== 'incremental') return null;
    return {
      pass: c.pass,
      ims: c.ims ?? null,
      page: c.page ?? 1,
      highWater: c.highWater ?? null,
      done: !!c.done,
    };
  } catch {
    return null;
  }
}

/** Where a pass starts: an unfinished one continues, a full one reads everything, an incremental one from its high water. */
export function startXeroPass(mode: SyncOptions['mode'], stored: XeroStreamCursor | null): XeroStreamCursor {
  if (stored && !stored.done) return stored;
  if (mode === 'incremental' && stored) {
    return {
      pass: 'incremental',
      ims: secondBefore(stored.highWater),
      page: 1,
      highWater: stored.highWater,
      done: false,
    };
  }
  return { pass: 'full', ims: null, page: 1, highWater: null, done: false };
}

/** One second before the instant, to the second, as Xero's If-Modified-Since takes it (`YYYY-MM-DDTHH:mm:ss`, UTC). */
export function secondBefore(instant: string | null): string | null {
  if (!instant) return null;
  const ms = Math.floor(Date.parse(instant) / 1000) * 1000 - 1000;
  return new Date(ms).toISOString().slice(0, 19);
}

/** The cursor after a page of `count` items whose newest modification is `newest`. */
export function advanceXeroPass(
  cursor: XeroStreamCursor,
  count: number,
  pageSize: number,
  newest: string | null,
): XeroStreamCursor {
  const highWater =
    newest && (!cursor.highWater || Date.parse(newest) > Date.parse(cursor.highWater))
      ? newest
      : cursor.highWater;
  if (count < pageSize) return { ...cursor, highWater, done: true };
  const candidate = secondBefore(newest);
  if (candidate && (!cursor.ims || Date.parse(`${candidate}Z`) > Date.parse(`${cursor.ims}Z`))) {
    return { ...cursor, ims: candidate, page: 1, highWater };
  }
  return { ...cursor, page: cursor.page + 1, highWater };
}

interface RunOptions extends SyncOptions {
  source: string;
  /** The connected organisation (the token store's tenant). */
  tenantId: string;
  today: string;
  pageSize?: number;
  now?: () => number;
}

/**
 * A Xero run: the organisation (its base currency), invoices and payments changed since the last
 * pass (keyset pages, see XeroStreamCursor), once a day every open invoice again, then the Balance
 * Sheet as at today (bank balances; liquidity ratios).
 */
export async function* xeroPages(client: XeroClient, options: RunOptions): AsyncGenerator<SyncPage> {
  const { signal } = options;
  const org = await client.get<{ Organisations: XeroOrganisation[] }>('Organisation', { signal });
  const organisation = org.Organisations[0];
  if (!organisation) throw new Error('Xero returned no organisation for the connected tenant');
  const access = {
    source: options.source,
    baseCurrency: organisation.BaseCurrency,
    tenantId: options.tenantId,
  };
  yield {
    scope: 'organisation',
    entity: 'organisation',
    payloads: [{ payload: { account: access, item: organisation } }],
    progress: 0,
  };

  const firstInvoicePass = !options.cursors.get('invoices');
  for await (const page of streamPages<XeroInvoice>(
    client,
    'invoices',
    'Invoices',
    'invoice',
    access,
    options,
  )) {
    yield { ...page, progress: (page.progress ?? 0) * 0.6 };
  }
  yield* openInvoicePages(client, access, options, firstInvoicePass);
  for await (const page of streamPages<XeroPayment>(
    client,
    'payments',
    'Payments',
    'payment',
    access,
    options,
  )) {
    yield { ...page, progress: 0.7 + (page.progress ?? 0) * 0.25 };
  }
  const report = await client.get<XeroReportsResponse>('Reports/BalanceSheet', {
    query: { date: options.today },
    signal,
  });
  yield {
    scope: 'balance-sheet',
    entity: 'balance-sheet',
    payloads: report.Reports.map((item) => ({
      externalId: `${options.today}`,
      payload: { account: { ...access, asOf: options.today }, item },
    })),
    progress: 1,
  };
}

async function* streamPages<T extends { UpdatedDateUTC?: string | null }>(
  client: XeroClient,
  scope: string,
  resource: 'Invoices' | 'Payments',
  entity: string,
  account: XeroPayloadContext,
  options: RunOptions,
): AsyncGenerator<SyncPage> {
  const pageSize = options.pageSize ?? XERO_PAGE_SIZE;
  let cursor = startXeroPass(options.mode, parseXeroCursor(options.cursors.get(scope)));
  let total: number | null = null;
  let read = 0;
  for (;;) {
    const body = await client.get<XeroInvoicesResponse & XeroPaymentsResponse>(resource, {
      query: { page: cursor.page, pageSize, order: 'UpdatedDateUTC ASC' },
      ifModifiedSince: cursor.ims,
      signal: options.signal,
    });
    const items = ((resource === 'Invoices' ? body.Invoices : body.Payments) ?? []) as unknown as T[];
    total ??= body.pagination?.itemCount ?? null;
    read += items.length;
    const newest = latest(items.map((i) => i.UpdatedDateUTC));
    cursor = advanceXeroPass(cursor, items.length, pageSize, newest);
    yield {
      scope,
      entity,
      payloads: items.map((item) => ({ externalId: idOf(item), payload: { account, item } })),
      cursor: JSON.stringify(cursor),
      progress: cursor.done ? 1 : total ? Math.min(0.99, read / total) : 0,
    };
    if (cursor.done) return;
  }
}

/** Once a day (never on the first pass, which reads everything): every AUTHORISED invoice, page by page. */
async function* openInvoicePages(
  client: XeroClient,
  account: XeroPayloadContext,
  options: RunOptions,
  firstPass: boolean,
): AsyncGenerator<SyncPage> {
  const now = options.now?.() ?? Date.now();
  const stored = parseOpenCursor(options.cursors.get('invoices-open'));
  if (firstPass || options.mode === 'full') {
    if (!stored.page)
      yield {
        scope: 'invoices-open',
        entity: 'invoice',
        payloads: [],
        cursor: JSON.stringify({ lastCompleted: new Date(now).toISOString(), page: null }),
      };
    return;
  }
  const due =
    stored.page !== null ||
    !stored.lastCompleted ||
    now - Date.parse(stored.lastCompleted) >= OPEN_INVOICE_REFRESH_MS;
  if (!due) return;
  const pageSize = options.pageSize ?? XERO_PAGE_SIZE;
  for (let page = stored.page ?? 1; ; page++) {
    const body = await client.get<XeroInvoicesResponse>('Invoices', {
      query: { page, pageSize, Statuses: 'AUTHORISED' },
      signal: options.signal,
    });
    const last = body.Invoices.length < pageSize;
    yield {
      scope: 'invoices-open',
      entity: 'invoice',
      payloads: body.Invoices.map((item) => ({ externalId: item.InvoiceID, payload: { account, item } })),
      cursor: JSON.stringify(
        last
          ? { lastCompleted: new Date(now).toISOString(), page: null }
          : { lastCompleted: stored.lastCompleted, page: page + 1 },
      ),
    };
    if (last) return;
  }
}

function parseOpenCursor(stored: string | undefined): { lastCompleted: string | null; page: number | null } {
  if (!stored) return { lastCompleted: null, page: null };
  try {
    const c = JSON.parse(stored) as { lastCompleted?: string | null; page?: number | null };
    return { lastCompleted: c.lastCompleted ?? null, page: c.page ?? null };
  } catch {
    return { lastCompleted: null, page: null };
  }
}

function latest(values: (string | null | undefined)[]): string | null {
  let best: number | null = null;
  for (const v of values) {
    const ms = parseDotNetDate(v ?? null)?.getTime();
    if (ms !== undefined && (best === null || ms > best)) best = ms;
  }
  return best === null ? null : new Date(best).toISOString();
}

function idOf(item: unknown): string | undefined {
  const i = item as { InvoiceID?: string; PaymentID?: string };
  return i.InvoiceID ?? i.PaymentID;
}
