import type {
  OrderLineRecord,
  OrderRecord,
  OrderStatus,
  PurchaseOrderLineRecord,
  PurchaseOrderRecord,
  PurchaseOrderStatus,
} from '../../records/index';
import { dotNetDate, dotNetInstant, jsonAmountToMinor, wholeQuantity } from './dotnet-json';
import { optionalInstant } from './normalise-catalogue';
import { collect } from './normalise-each';
import type {
  UnleashedNormalised,
  UnleashedPurchaseOrder,
  UnleashedSalesOrder,
  UnleashedSalesOrderLine,
} from './unleashed-types';

const NO_PRODUCT = '00000000-0000-0000-0000-000000000000';

export interface UnleashedSalesContext {
  source: string;
  /** The wholesale channel of an order shipped from a warehouse (undefined: the order cannot be placed). */
  channelFor(warehouseCode: string | undefined): string | undefined;
  /** Whether the customer is in the catalogue; unknown customers are left off (the order still counts). */
  knownCustomer?(code: string): boolean;
}

/**
 * Our status from a sales order's: a placed or backordered order is a sale not yet shipped
 * (`pending`: trade customers pay on invoice terms), a completed one `shipped`, a deleted one
 * `cancelled`. Parked orders are drafts (quotes), not sales: undefined, and they are skipped.
 */
export function unleashedSalesOrderStatus(status: string): OrderStatus | undefined {
  switch (status) {
    case 'Placed':
    case 'Backordered':
      return 'pending';
    case 'Completed':
      return 'shipped';
    case 'Deleted':
      return 'cancelled';
    default:
      return status === 'Parked' ? undefined : 'pending';
  }
}

/** Charge lines (delivery, fees) carry no product: they are not units sold. */
export function isChargeLine(line: Pick<UnleashedSalesOrderLine, 'LineType' | 'Product'>): boolean {
  return line.LineType === 'Charge' || !line.Product?.ProductCode || line.Product.Guid === NO_PRODUCT;
}

/**
 * Wholesale sales orders → orders. Amounts are in the order's currency and exclude tax: a line's
 * net amount is its `LineTotal` (after discount), its discount what the discount took off
 * quantity × unit price. Charge lines are not product revenue and are left out.
 */
export function normaliseUnleashedSalesOrders(
  orders: readonly UnleashedSalesOrder[],
  context: UnleashedSalesContext,
): UnleashedNormalised<OrderRecord> {
  return collect(
    orders,
    (o) => `${context.source}:${o.OrderNumber}`,
    (o, out) => {
      const key = `${context.source}:${o.OrderNumber}`;
      const status = unleashedSalesOrderStatus(o.OrderStatus);
      if (!status) {
        out.skipped.push({ key, reason: 'parked sales order (a draft, not yet a sale)' });
        return;
      }
      const currency = o.Currency?.CurrencyCode;
      if (!currency) throw new RangeError('sales order without a currency');
      const warehouse = o.Warehouse?.WarehouseCode?.trim() || undefined;
      const channelCode = context.channelFor(warehouse);
      if (!channelCode) {
        throw new RangeError(
          `no wholesale channel for warehouse ${warehouse ?? '(none)'}: its region is unknown`,
        );
      }
      const lines: OrderLineRecord[] = [];
      for (const line of o.SalesOrderLines ?? []) {
        if (isChargeLine(line)) continue;
        const quantity = wholeQuantity(line.OrderQuantity, `line ${line.LineNumber} quantity`);
        if (quantity <= 0) continue;
        const unitPriceMinor = jsonAmountToMinor(line.UnitPrice, currency);
        const netAmountMinor = jsonAmountToMinor(line.LineTotal, currency);
        lines.push({
          lineKey: line.Guid ?? String(line.LineNumber),
          sku: line.Product.ProductCode!.trim(),
          quantity,
          unitPriceMinor,
          discountMinor: Math.max(0, quantity * unitPriceMinor - netAmountMinor),
          netAmountMinor,
        });
      }
      if (lines.length === 0) {
        out.skipped.push({ key, reason: 'no product lines (charges only)' });
        return;
      }
      const orderDate = dotNetDate(o.OrderDate);
      if (!orderDate) throw new RangeError('sales order without an OrderDate');
      const customer = o.Customer?.CustomerCode?.trim();
      out.records.push({
        source: context.source,
        externalId: o.OrderNumber,
        channelCode,
        ...(customer && (context.knownCustomer?.(customer) ?? true) ? { customerCode: customer } : {}),
        orderDate,
        orderedAt: dotNetInstant(o.OrderDate)!,
        status,
        currency,
        lines,
        ...optionalInstant(o.LastModifiedOn),
      });
    },
  );
}

/**
 * A purchase order's status: parked is a draft, placed is on order, receipted, costed and complete
 * are received (goods in), deleted is cancelled.
 */
export function unleashedPurchaseOrderStatus(status: string): PurchaseOrderStatus {
  switch (status) {
    case 'Parked':
      return 'draft';
    case 'Receipted':
    case 'Costed':
    case 'Complete':
    case 'Completed':
      return 'received';
    case 'Deleted':
      return 'cancelled';
    default:
      return 'placed';
  }
}

/**
 * Purchase orders → purchase orders with lines: expected date the order's `RequiredDate`, received
 * date its `ReceivedDate` (else `CompletedDate` once received), received quantities from the lines'
 * `ReceiptQuantity`. Unit costs are in the order's currency.
 */
export function normaliseUnleashedPurchaseOrders(
  orders: readonly UnleashedPurchaseOrder[],
  context: { source: string; baseCurrency: string },
): UnleashedNormalised<PurchaseOrderRecord> {
  return collect(
    orders,
    (o) => `${context.source}:${o.OrderNumber}`,
    (o, out) => {
      const supplierCode = o.Supplier?.SupplierCode?.trim();
      if (!supplierCode) throw new RangeError('purchase order without a supplier code');
      const currency = o.Currency?.CurrencyCode ?? context.baseCurrency;
      const status = unleashedPurchaseOrderStatus(o.OrderStatus);
      const lines: PurchaseOrderLineRecord[] = [];
      for (const line of o.PurchaseOrderLines ?? []) {
        const sku = line.Product?.ProductCode?.trim();
        if (!sku) continue;
        const quantity = wholeQuantity(line.OrderQuantity, `line ${line.LineNumber} quantity`);
        if (quantity <= 0) continue;
        lines.push({
          lineKey: line.Guid ?? String(line.LineNumber),
          sku,
          quantity,
          receivedQuantity: Math.max(
            0,
            wholeQuantity(line.ReceiptQuantity, `line ${line.LineNumber} receipt quantity`),
          ),
          unitCostMinor: jsonAmountToMinor(line.UnitPrice, currency),
        });
      }
      if (lines.length === 0) throw new RangeError('purchase order without product lines');
      const orderDate = dotNetDate(o.OrderDate);
      if (!orderDate) throw new RangeError('purchase order without an OrderDate');
      const expectedDate = dotNetDate(o.RequiredDate);
      const receivedDate =
        dotNetDate(o.ReceivedDate) ?? (status === 'received' ? dotNetDate(o.CompletedDate) : undefined);
      out.records.push({
        source: context.source,
        externalId: o.OrderNumber,
        supplierCode,
        orderDate,
        ...(expectedDate ? { expectedDate } : {}),
        ...(receivedDate ? { receivedDate } : {}),
        status,
        currency,
        ...(typeof o.SubTotal === 'number' ? { totalMinor: jsonAmountToMinor(o.SubTotal, currency) } : {}),
        lines,
        ...optionalInstant(o.LastModifiedOn),
      });
    },
  );
}
