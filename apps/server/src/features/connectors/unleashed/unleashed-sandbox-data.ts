import { createHash } from 'node:crypto';
import {
  buildDemoCatalogue,
  convertMinor,
  DEMO_CHANNELS,
  DEMO_LOCATIONS,
  DEMO_SUPPLIERS,
  DEMO_TRADE_CUSTOMERS,
  formatDotNetDate,
  formatMinorAsDecimal,
  generateDemoDays,
  type OrderRecord,
  type ProductionBatchRecord,
  type PurchaseOrderRecord,
  type StockLevelRecord,
  type UnleashedAssembly,
  type UnleashedProduct,
  type UnleashedPurchaseOrder,
  type UnleashedSalesOrder,
  type UnleashedStockOnHand,
} from '@sentia/domain';
import type { SandboxDataset } from '../../sync/connector-state';
import type { UnleashedSimData } from './unleashed-simulator';

/**
 * The demo business's Unleashed account, as the sandbox simulator serves it: generated from the
 * same seed and period as the demo that was loaded, so every order number, assembly number, SKU
 * and warehouse code is one already in the database under `source = 'demo'`, and a sandbox sync
 * updates those rows in place (it writes `source = 'demo'` too). It holds the catalogue, the
 * stock of the business's own warehouses at the end of the period, the trade (wholesale) orders
 * of the last `windowDays`, and the purchase orders and assemblies changed in that window or
 * still open. Costs are in the account's base currency (GBP): dollar costs at the period's last
 * rate, as Unleashed reports landed cost in its base currency.
 */
const OWN_WAREHOUSES: Record<string, string> = {
  'DIST-UK': 'United Kingdom',
  'WH-EU': 'Netherlands',
  'WH-US': 'United States',
};

export function sandboxGuid(kind: string, key: string): string {
  const hex = createHash('sha1').update(`sentia-unleashed-sandbox:${kind}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const money = (minor: number, currency: string) => Number(formatMinorAsDecimal(minor, currency));

export async function buildUnleashedSandboxData(
  dataset: SandboxDataset,
  windowDays: number,
): Promise<UnleashedSimData> {
  const options = { seed: dataset.seed, endDate: dataset.endDate, days: dataset.days };
  const to = dataset.endDate;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (windowDays - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const wholesale = new Set(DEMO_CHANNELS.filter((c) => c.kind === 'wholesale').map((c) => c.code));
  const orders: OrderRecord[] = [];
  const purchaseOrders: PurchaseOrderRecord[] = [];
  const batches: ProductionBatchRecord[] = [];
  let stock: StockLevelRecord[] = [];
  const lastRate = new Map<string, string>();
  let n = 0;
  for (const day of generateDemoDays(options)) {
    // Keep a web server in the same process answering while three years are generated.
    if (++n % 30 === 0) await new Promise((resolve) => setImmediate(resolve));
    for (const rate of day.fxRates) lastRate.set(rate.currency, rate.rateToGbp);
    if (day.stockLevels.length > 0) stock = day.stockLevels;
    for (const order of day.orders)
      if (wholesale.has(order.channelCode) && order.orderDate >= from) orders.push(order);
    purchaseOrders.push(
      ...day.purchaseOrders.filter(
        (po) => po.status === 'placed' || (po.receivedDate ?? po.orderDate) >= from,
      ),
    );
    batches.push(
      ...day.productionBatches.filter(
        (b) => b.status !== 'completed' || (b.actualEnd ?? b.plannedEnd) >= from,
      ),
    );
  }
  const catalogue = buildDemoCatalogue(options);
  const endOfPeriod = `${to}T23:59:59Z`;
  const capped = (instant: string) => (instant > endOfPeriod ? endOfPeriod : instant);
  const since = formatDotNetDate(`${from}T00:00:00Z`);
  const warehouseRef = (code: string) => {
    const location = DEMO_LOCATIONS.find((l) => l.code === code)!;
    return { Guid: sandboxGuid('warehouse', code), WarehouseCode: code, WarehouseName: location.name };
  };
  const productRef = (sku: string) => ({
    Guid: sandboxGuid('product', sku),
    ProductCode: sku,
    ProductDescription: catalogue.products.find((p) => p.sku === sku)?.name ?? sku,
  });

  const products: UnleashedProduct[] = catalogue.products.map((p) => ({
    Guid: sandboxGuid('product', p.sku),
    ProductCode: p.sku,
    ProductDescription: p.name,
    AverageLandPrice: money(
      p.costCurrency === 'GBP'
        ? p.unitCostMinor
        : convertMinor(p.unitCostMinor, p.costCurrency, 'GBP', lastRate.get(p.costCurrency) ?? '1'),
      'GBP',
    ),
    PackSize: p.packSize,
    MinimumOrderQuantity: p.moq,
    IsAssembledProduct: !p.supplierCode || p.supplierCode === 'SUP-CANNING',
    IsSellable: true,
    Obsolete: p.active === false,
    ProductGroup: p.category ? { GroupName: p.category } : null,
    UnitOfMeasure: { Name: 'Each' },
    ...(p.supplierCode
      ? { Supplier: { Guid: sandboxGuid('supplier', p.supplierCode), SupplierCode: p.supplierCode } }
      : {}),
    CreatedOn: since,
    LastModifiedOn: since,
  }));

  const stockRows: UnleashedStockOnHand[] = stock
    .filter((s) => OWN_WAREHOUSES[s.locationCode])
    .map((s) => ({
      Guid: sandboxGuid('stock', `${s.sku}@${s.locationCode}`),
      ProductGuid: sandboxGuid('product', s.sku),
      ProductCode: s.sku,
      WarehouseId: sandboxGuid('warehouse', s.locationCode),
      WarehouseCode: s.locationCode,
      Warehouse: warehouseRef(s.locationCode).WarehouseName,
      QtyOnHand: s.onHand,
      AllocatedQty: s.allocated ?? 0,
      AvailableQty: s.onHand - (s.allocated ?? 0),
      OnPurchase: s.inbound ?? 0,
      LastModifiedOn: formatDotNetDate(endOfPeriod),
    }));

  const salesOrders: UnleashedSalesOrder[] = orders.map((o) => {
    const customer = DEMO_TRADE_CUSTOMERS.find((c) => c.code === o.customerCode);
    const fulfilFrom = DEMO_CHANNELS.find((c) => c.code === o.channelCode)!.fulfilFrom;
    const subTotal = o.lines.reduce((sum, l) => sum + l.netAmountMinor, 0);
    return {
      Guid: sandboxGuid('sales-order', o.externalId),
      OrderNumber: o.externalId,
      OrderStatus: o.status === 'cancelled' ? 'Deleted' : o.status === 'pending' ? 'Placed' : 'Completed',
      OrderDate: formatDotNetDate(o.orderDate),
      Customer: customer
        ? {
            Guid: sandboxGuid('customer', customer.code),
            CustomerCode: customer.code,
            CustomerName: customer.name,
          }
        : null,
      Warehouse: warehouseRef(fulfilFrom),
      Currency: { CurrencyCode: o.currency },
      ExchangeRate: 1,
      SubTotal: money(subTotal, o.currency),
      TaxTotal: 0,
      Total: money(subTotal, o.currency),
      SalesOrderLines: o.lines.map((l) => ({
        LineNumber: Number(l.lineKey),
        LineType: null,
        Product: productRef(l.sku),
        OrderQuantity: l.quantity,
        UnitPrice: money(l.unitPriceMinor, o.currency),
        DiscountRate: l.discountMinor
          ? Math.round((l.discountMinor / (l.quantity * l.unitPriceMinor)) * 10_000) / 10_000
          : 0,
        LineTotal: money(l.netAmountMinor, o.currency),
        LineTax: 0,
      })),
      CreatedOn: formatDotNetDate(o.orderedAt),
      LastModifiedOn: formatDotNetDate(capped(new Date(o.orderedAt).toISOString())),
    };
  });

  const unleashedPurchaseOrders: UnleashedPurchaseOrder[] = purchaseOrders.map((po) => {
    const supplier = DEMO_SUPPLIERS.find((s) => s.code === po.supplierCode)!;
    return {
      Guid: sandboxGuid('purchase-order', po.externalId),
      OrderNumber: po.externalId,
      OrderStatus: { draft: 'Parked', placed: 'Placed', received: 'Complete', cancelled: 'Deleted' }[
        po.status
      ],
      OrderDate: formatDotNetDate(po.orderDate),
      RequiredDate: po.expectedDate ? formatDotNetDate(po.expectedDate) : null,
      ReceivedDate: po.receivedDate ? formatDotNetDate(po.receivedDate) : null,
      Supplier: {
        Guid: sandboxGuid('supplier', supplier.code),
        SupplierCode: supplier.code,
        SupplierName: supplier.name,
      },
      Warehouse: warehouseRef('DIST-UK'),
      Currency: { CurrencyCode: po.currency },
      SubTotal: po.totalMinor === undefined ? null : money(po.totalMinor, po.currency),
      PurchaseOrderLines: po.lines.map((l) => ({
        LineNumber: Number(l.lineKey),
        Product: productRef(l.sku),
        OrderQuantity: l.quantity,
        ReceiptQuantity: l.receivedQuantity ?? 0,
        UnitPrice: money(l.unitCostMinor, po.currency),
        LineTotal: money(l.quantity * l.unitCostMinor, po.currency),
      })),
      CreatedOn: formatDotNetDate(po.orderDate),
      LastModifiedOn: formatDotNetDate(capped(`${po.receivedDate ?? po.orderDate}T12:00:00Z`)),
    };
  });

  const assemblies: UnleashedAssembly[] = batches.map((b) => ({
    Guid: sandboxGuid('assembly', b.externalId),
    AssemblyNumber: b.externalId,
    AssemblyDate: formatDotNetDate(b.plannedStart),
    AssembleBy: formatDotNetDate(b.plannedEnd),
    AssemblyStatus: {
      planned: 'Parked',
      in_progress: 'In Progress',
      completed: 'Completed',
      cancelled: 'Deleted',
    }[b.status],
    CompletedDate: b.actualEnd ? formatDotNetDate(b.actualEnd) : null,
    Quantity: b.quantity,
    Product: productRef(b.sku),
    DestinationWarehouse: warehouseRef('DIST-UK'),
    LastModifiedOn: formatDotNetDate(capped(`${b.actualEnd ?? b.actualStart ?? b.plannedStart}T17:00:00Z`)),
  }));

  return {
    warehouses: Object.entries(OWN_WAREHOUSES).map(([code, country]) => ({
      ...warehouseRef(code),
      IsDefault: code === 'DIST-UK',
      Obsolete: false,
      Country: country,
      LastModifiedOn: since,
    })),
    suppliers: catalogue.suppliers.map((s) => ({
      Guid: sandboxGuid('supplier', s.code),
      SupplierCode: s.code,
      SupplierName: s.name,
      Currency: { CurrencyCode: s.currency },
      PaymentTerm: `${s.paymentTermsDays} Days`,
      Obsolete: false,
      LastModifiedOn: since,
    })),
    products,
    stock: stockRows,
    salesOrders,
    purchaseOrders: unleashedPurchaseOrders,
    assemblies,
  };
}
