import type { UnleashedWarehouse } from '@sentia/domain';
import type { SyncOptions, SyncPage } from '../../sync/connector';
import { advancePass, parsePassCursor, startPass } from '../../sync/pass-cursor';
import { UNLEASHED_PAGE_SIZE, type UnleashedClient } from './unleashed-client';
import type { UnleashedQuery } from './unleashed-signature';

/** What every payload of a run carries, so a kept payload can be replayed on its own. */
export interface UnleashedPayloadContext {
  source: string;
  baseCurrency: string;
  /** Stock rows: the warehouse they were listed for and the day of the snapshot. */
  warehouseCode?: string;
  asOf?: string;
}

export interface UnleashedPayload<T = unknown> {
  account: UnleashedPayloadContext;
  item: T;
}

/**
 * An incremental pass starts this long before the previous pass began (by the service's clock):
 * Unleashed's modification times and its index may trail the Date header a little, and rows
 * stamped in the same second as the previous pass started are read again rather than missed.
 */
export const UNLEASHED_PASS_OVERLAP_MS = 5 * 60_000;

interface Stream {
  scope: string;
  entity: string;
  endpoint: string;
  query?: UnleashedQuery;
  /** Assemblies filter `modifiedSince` by date only; the others take a date-time. */
  sinceAsDate?: boolean;
  context?: Partial<UnleashedPayloadContext>;
}

/** Every status, deleted included: a sales order never drops out of a listing while it is paged. */
const ALL_SALES_ORDER_STATUSES = 'Parked,Placed,Backordered,Completed,Deleted';

/**
 * An Unleashed run: the warehouses (always in full — a handful, and they name the stock listings),
 * then suppliers, products, stock on hand per warehouse, sales orders, purchase orders and
 * assemblies, each a pass of `modifiedSince` pages.
 *
 * Pages are numbered, so the cursor stored after each page is the next page number within the
 * pass; a crash resumes there. Listings are in a fixed order (code or number) and within a pass
 * the filter set only grows (nothing modified leaves it, deleted sales orders included), so
 * resuming skips nothing that was there when the pass began. Whatever changed while the pass ran
 * carries a modification time after the pass began, and the next pass starts from that moment
 * (the service's `Date` header on the pass's first page, less an overlap): nothing is missed, and
 * re-reading a record is harmless (upserts on natural keys, later modification time wins).
 */
export async function* unleashedPages(
  client: UnleashedClient,
  options: SyncOptions & { account: UnleashedPayloadContext; today: string; pageSize?: number },
): AsyncGenerator<SyncPage> {
  const warehouses: UnleashedWarehouse[] = [];
  const fixed: Stream[] = [
    { scope: 'suppliers', entity: 'supplier', endpoint: 'Suppliers' },
    { scope: 'products', entity: 'product', endpoint: 'Products' },
  ];
  const after: Stream[] = [
    {
      scope: 'sales-orders',
      entity: 'sales-order',
      endpoint: 'SalesOrders',
      query: { orderStatus: ALL_SALES_ORDER_STATUSES },
    },
    { scope: 'purchase-orders', entity: 'purchase-order', endpoint: 'PurchaseOrders' },
    { scope: 'assemblies', entity: 'assembly', endpoint: 'Assemblies', sinceAsDate: true },
  ];

  // Warehouses first, in full: no cursor (the next run reads them again).
  for (let page = 1; ; page++) {
    const { list } = await client.list<UnleashedWarehouse>(
      'Warehouses',
      page,
      { pageSize: options.pageSize ?? UNLEASHED_PAGE_SIZE },
      options,
    );
    warehouses.push(...list.Items);
    yield {
      scope: 'warehouses',
      entity: 'warehouse',
      payloads: list.Items.map((item) => ({
        externalId: item.WarehouseCode,
        payload: { account: options.account, item },
      })),
      progress: 0,
    };
    if (list.Items.length === 0 || page >= list.Pagination.NumberOfPages) break;
  }
  const stock: Stream[] = warehouses
    .filter((w) => !w.Obsolete && w.WarehouseCode)
    .map((w) => ({
      scope: `stock:${w.WarehouseCode}`,
      entity: 'stock',
      endpoint: 'StockOnHand',
      query: { warehouseCode: w.WarehouseCode },
      context: { warehouseCode: w.WarehouseCode, asOf: options.today },
    }));
  const streams = [...fixed, ...stock, ...after];
  for (const [index, stream] of streams.entries()) {
    for await (const page of passPages(client, stream, options)) {
      yield { ...page, progress: (index + (page.progress ?? 0)) / streams.length };
    }
  }
}

async function* passPages(
  client: UnleashedClient,
  stream: Stream,
  options: SyncOptions & { account: UnleashedPayloadContext; pageSize?: number },
): AsyncGenerator<SyncPage> {
  let pass = startPass(
    options.mode,
    parsePassCursor(options.cursors.get(stream.scope)),
    null,
    UNLEASHED_PASS_OVERLAP_MS,
  );
  let page = pass.after ? Number(pass.after) : 1;
  const account = { ...options.account, ...stream.context };
  for (;;) {
    const query: UnleashedQuery = {
      ...stream.query,
      ...(pass.since ? { modifiedSince: formatSince(pass.since, stream.sinceAsDate) } : {}),
      pageSize: options.pageSize ?? UNLEASHED_PAGE_SIZE,
    };
    const { list, serverTime } = await client.list<{ Guid?: string } & Record<string, unknown>>(
      stream.endpoint,
      page,
      query,
      options,
    );
    const last = list.Items.length === 0 || page >= list.Pagination.NumberOfPages;
    // The pass began when its first page was served; resumed passes keep the time they began.
    const began = pass.after ? null : (serverTime ?? new Date().toISOString());
    pass = advancePass(pass, last ? null : String(page + 1), began);
    yield {
      scope: stream.scope,
      entity: stream.entity,
      payloads: list.Items.map((item) => ({
        externalId: externalIdOf(stream.entity, item),
        payload: { account, item },
      })),
      cursor: JSON.stringify(pass),
      progress: list.Pagination.NumberOfPages > 0 ? Math.min(1, page / list.Pagination.NumberOfPages) : 1,
    };
    if (last) return;
    page++;
  }
}

/** `modifiedSince` is UTC, `YYYY-MM-DDTHH:mm:ss` (or a date where only dates are taken). */
function formatSince(iso: string, asDate?: boolean): string {
  const text = new Date(iso).toISOString();
  return asDate ? text.slice(0, 10) : text.slice(0, 19);
}

function externalIdOf(entity: string, item: Record<string, unknown>): string | undefined {
  const key =
    entity === 'supplier'
      ? item.SupplierCode
      : entity === 'product' || entity === 'stock'
        ? item.ProductCode
        : entity === 'assembly'
          ? item.AssemblyNumber
          : item.OrderNumber;
  return typeof key === 'string' ? key : undefined;
}
