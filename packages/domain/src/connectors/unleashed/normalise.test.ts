import { describe, expect, it } from 'vitest';
import {
  locationRecordSchema,
  orderRecordSchema,
  productionBatchRecordSchema,
  productRecordSchema,
  purchaseOrderRecordSchema,
  stockLevelRecordSchema,
  supplierRecordSchema,
} from '../../records/index';
import { normaliseUnleashedAssemblies, unleashedAssemblyStatus } from './normalise-assemblies';
import {
  normaliseUnleashedProducts,
  normaliseUnleashedSuppliers,
  normaliseUnleashedWarehouses,
  paymentTermDays,
  regionOfCountry,
} from './normalise-catalogue';
import {
  normaliseUnleashedPurchaseOrders,
  normaliseUnleashedSalesOrders,
  unleashedPurchaseOrderStatus,
  unleashedSalesOrderStatus,
} from './normalise-orders';
import { normaliseUnleashedStock } from './normalise-stock';
import type {
  UnleashedList,
  UnleashedPurchaseOrder,
  UnleashedSalesOrder,
  UnleashedStockOnHand,
} from './unleashed-types';

/** integration-contracts.md §3.4: the SalesOrders example, as raw JSON (escaped slashes and all). */
const SALES_ORDERS_JSON = String.raw`{"Pagination":{"NumberOfItems":1,"PageSize":200,"PageNumber":1,"NumberOfPages":1},
 "Items":[{"Guid":"b6b620d7-1d40-4488-b6fb-072e737302cc","OrderNumber":"SO-00000202","OrderStatus":"Placed",
   "OrderDate":"\/Date(1528329600000)\/","RequiredDate":"\/Date(1531353600000)\/","CompletedDate":null,
   "Customer":{"Guid":"56bb75a6-408a-4227-8536-5488a560532a","CustomerCode":"GOODIES","CustomerName":"Goodies Ltd"},
   "Warehouse":{"Guid":"45751bd0-de3a-4636-8de0-b45601aaf4ba","WarehouseCode":"MAIN","WarehouseName":"Main"},
   "Currency":{"CurrencyCode":"GBP"},"ExchangeRate":1.0,
   "SubTotal":2173.6,"TaxTotal":0.0,"Total":2173.6,"BCSubTotal":2173.6,"BCTotal":2173.6,
   "SalesOrderLines":[{"LineNumber":1,"LineType":null,
     "Product":{"Guid":"de3a883c-0058-4e61-b0d6-5a438cf898e6","ProductCode":"AOPPTB","ProductDescription":"Orange tea 4 bags"},
     "DueDate":"\/Date(1522022400000)\/","OrderQuantity":288.0,"UnitPrice":2.4,"DiscountRate":0.0,
     "LineTotal":691.2,"LineTax":0.0,"AverageLandedPriceAtTimeOfSale":1.1,
     "Guid":"d0ece451-5734-40a0-af5f-237dc97ee713","LastModifiedOn":"\/Date(1531132187399)\/"},
    {"LineNumber":0,"LineType":"Charge","Product":{"Guid":"00000000-0000-0000-0000-000000000000",
      "ProductCode":null,"ProductDescription":"Delivery"},"OrderQuantity":1,"UnitPrice":100.0,"LineTotal":100.0}],
   "CreatedOn":"\/Date(1522044434965)\/","LastModifiedOn":"\/Date(1531132187518)\/"}]}`;

const sales = {
  source: 'unleashed',
  channelFor: (w: string | undefined) => (w === 'MAIN' ? 'wholesale-uk' : undefined),
};

describe('Unleashed sales orders → orders', () => {
  it('normalises the contract example: dates exact, charge line left out, amounts from the decimal text', () => {
    const page = JSON.parse(SALES_ORDERS_JSON) as UnleashedList<UnleashedSalesOrder>;
    const { records, rejections, skipped } = normaliseUnleashedSalesOrders(page.Items, sales);
    expect({ rejections, skipped }).toEqual({ rejections: [], skipped: [] });
    expect(records).toEqual([
      {
        source: 'unleashed',
        externalId: 'SO-00000202',
        channelCode: 'wholesale-uk',
        customerCode: 'GOODIES',
        orderDate: '2018-06-07',
        orderedAt: '2018-06-07T00:00:00.000Z',
        status: 'pending',
        currency: 'GBP',
        lines: [
          {
            lineKey: 'd0ece451-5734-40a0-af5f-237dc97ee713',
            sku: 'AOPPTB',
            quantity: 288,
            unitPriceMinor: 240,
            discountMinor: 0,
            netAmountMinor: 69120,
          },
        ],
        sourceUpdatedAt: '2018-07-09T10:29:47.518Z',
      },
    ]);
    expect(orderRecordSchema.safeParse(records[0]).success).toBe(true);
  });

  it('records the discount a line total reflects, and leaves unknown customers off', () => {
    const page = JSON.parse(SALES_ORDERS_JSON) as UnleashedList<UnleashedSalesOrder>;
    const order = page.Items[0]!;
    order.SalesOrderLines[0] = { ...order.SalesOrderLines[0]!, DiscountRate: 0.1, LineTotal: 622.08 };
    const { records } = normaliseUnleashedSalesOrders([order], { ...sales, knownCustomer: () => false });
    expect(records[0]!.lines[0]).toMatchObject({
      unitPriceMinor: 240,
      discountMinor: 6912,
      netAmountMinor: 62208,
    });
    expect(records[0]!.customerCode).toBeUndefined();
  });

  it('maps statuses, skips parked drafts and charge-only orders, rejects orders it cannot place', () => {
    expect(
      ['Placed', 'Backordered', 'Completed', 'Deleted', 'Parked'].map(unleashedSalesOrderStatus),
    ).toEqual(['pending', 'pending', 'shipped', 'cancelled', undefined]);
    const page = JSON.parse(SALES_ORDERS_JSON) as UnleashedList<UnleashedSalesOrder>;
    const base = page.Items[0]!;
    const parked = { ...base, OrderNumber: 'SO-1', OrderStatus: 'Parked' };
    const chargesOnly = { ...base, OrderNumber: 'SO-2', SalesOrderLines: [base.SalesOrderLines[1]!] };
    const elsewhere = { ...base, OrderNumber: 'SO-3', Warehouse: { WarehouseCode: 'SYDNEY' } };
    const badDate = { ...base, OrderNumber: 'SO-4', OrderDate: '/Date(x)/' };
    const halfUnit = {
      ...base,
      OrderNumber: 'SO-5',
      SalesOrderLines: [{ ...base.SalesOrderLines[0]!, OrderQuantity: 1.5 }],
    };
    const out = normaliseUnleashedSalesOrders([parked, chargesOnly, elsewhere, badDate, halfUnit], sales);
    expect(out.records).toEqual([]);
    expect(out.skipped.map((s) => s.key)).toEqual(['unleashed:SO-1', 'unleashed:SO-2']);
    expect(out.rejections).toEqual([
      { key: 'unleashed:SO-3', reason: 'no wholesale channel for warehouse SYDNEY: its region is unknown' },
      { key: 'unleashed:SO-4', reason: 'not a date: "/Date(x)/"' },
      { key: 'unleashed:SO-5', reason: 'line 1 quantity 1.5 is not a whole number of units' },
    ]);
  });
});

const purchaseOrder: UnleashedPurchaseOrder = {
  Guid: 'a1',
  OrderNumber: 'PO-00000042',
  OrderStatus: 'Receipted',
  OrderDate: '/Date(1704067200000)/',
  RequiredDate: '/Date(1705276800000)/',
  ReceivedDate: '/Date(1705449600000)/',
  Supplier: { SupplierCode: 'SUP-GLASS', SupplierName: 'Northern Glass' },
  Currency: { CurrencyCode: 'EUR' },
  SubTotal: 1234.565,
  PurchaseOrderLines: [
    {
      LineNumber: 1,
      Product: { Guid: 'p1', ProductCode: 'GIN-70' },
      OrderQuantity: 600,
      ReceiptQuantity: 600,
      UnitPrice: 1.005,
    },
    { LineNumber: 2, Product: { Guid: 'p2', ProductCode: 'RUM-70' }, OrderQuantity: 120.0, UnitPrice: 5.2 },
  ],
  LastModifiedOn: '/Date(1705449600123)/',
};

describe('Unleashed purchase orders', () => {
  it('keeps lines, expected and received dates, and exact unit costs', () => {
    const { records, rejections } = normaliseUnleashedPurchaseOrders([purchaseOrder], {
      source: 'unleashed',
      baseCurrency: 'GBP',
    });
    expect(rejections).toEqual([]);
    expect(records[0]).toEqual({
      source: 'unleashed',
      externalId: 'PO-00000042',
      supplierCode: 'SUP-GLASS',
      orderDate: '2024-01-01',
      expectedDate: '2024-01-15',
      receivedDate: '2024-01-17',
      status: 'received',
      currency: 'EUR',
      totalMinor: 123457,
      lines: [
        { lineKey: '1', sku: 'GIN-70', quantity: 600, receivedQuantity: 600, unitCostMinor: 101 },
        { lineKey: '2', sku: 'RUM-70', quantity: 120, receivedQuantity: 0, unitCostMinor: 520 },
      ],
      sourceUpdatedAt: '2024-01-17T00:00:00.123Z',
    });
    expect(purchaseOrderRecordSchema.safeParse(records[0]).success).toBe(true);
  });

  it('maps statuses and uses the completed date when no received date is given', () => {
    expect(
      ['Parked', 'Placed', 'Receipted', 'Costed', 'Complete', 'Deleted'].map(unleashedPurchaseOrderStatus),
    ).toEqual(['draft', 'placed', 'received', 'received', 'received', 'cancelled']);
    const complete = {
      ...purchaseOrder,
      OrderStatus: 'Complete',
      ReceivedDate: null,
      CompletedDate: '/Date(1705536000000)/',
    };
    const placed = {
      ...purchaseOrder,
      OrderNumber: 'PO-2',
      OrderStatus: 'Placed',
      ReceivedDate: null,
      Currency: null,
    };
    const { records } = normaliseUnleashedPurchaseOrders([complete, placed], {
      source: 'unleashed',
      baseCurrency: 'GBP',
    });
    expect(records[0]!.receivedDate).toBe('2024-01-18');
    expect(records[1]).toMatchObject({ status: 'placed', currency: 'GBP' });
    expect(records[1]!.receivedDate).toBeUndefined();
  });

  it('rejects orders without a supplier or without product lines', () => {
    const out = normaliseUnleashedPurchaseOrders(
      [
        { ...purchaseOrder, OrderNumber: 'PO-A', Supplier: { SupplierCode: ' ' } },
        { ...purchaseOrder, OrderNumber: 'PO-B', PurchaseOrderLines: [] },
      ],
      { source: 'unleashed', baseCurrency: 'GBP' },
    );
    expect(out.rejections.map((r) => r.reason)).toEqual([
      'purchase order without a supplier code',
      'purchase order without product lines',
    ]);
  });
});

describe('Unleashed stock on hand', () => {
  /** The contract's StockOnHand example, with the warehouse a per-warehouse request returns. */
  const row: UnleashedStockOnHand = {
    Guid: '7fc624f7-738a-4e95-aed1-758662372899',
    ProductGuid: '7fc624f7-738a-4e95-aed1-758662372899',
    ProductCode: 'BOOKSHELF',
    WarehouseId: '45751bd0-de3a-4636-8de0-b45601aaf4ba',
    WarehouseCode: 'MAIN',
    Warehouse: 'Main',
    QtyOnHand: 69.0,
    AllocatedQty: 12.4,
    AvailableQty: 81.8,
    OnPurchase: 30,
    AvgCost: 1774.9345,
    LastModifiedOn: '/Date(1475958685963)/',
  };

  it('books each row to its warehouse, rounding fractional stock to whole units', () => {
    const out = normaliseUnleashedStock([row], {
      source: 'unleashed',
      warehouseCode: 'MAIN',
      asOf: '2026-03-14',
    });
    expect(out.records).toEqual([
      {
        source: 'unleashed',
        sku: 'BOOKSHELF',
        locationCode: 'MAIN',
        asOf: '2026-03-14',
        onHand: 69,
        allocated: 12,
        inbound: 30,
        sourceUpdatedAt: '2016-10-08T20:31:25.963Z',
      },
    ]);
    expect(stockLevelRecordSchema.safeParse(out.records[0]).success).toBe(true);
  });

  it('refuses all-warehouse totals and rows of another warehouse', () => {
    const total = { ...row, WarehouseId: null, WarehouseCode: '', Warehouse: '' };
    const other = { ...row, WarehouseCode: 'WH-EU' };
    const out = normaliseUnleashedStock([total, other], {
      source: 'unleashed',
      warehouseCode: 'MAIN',
      asOf: '2026-03-14',
    });
    expect(out.records).toEqual([]);
    expect(out.rejections.map((r) => r.reason)).toEqual([
      'all-warehouse total (no WarehouseCode): request stock per warehouse',
      'row for warehouse WH-EU in the MAIN listing',
    ]);
  });
});

describe('Unleashed catalogue', () => {
  const context = {
    source: 'unleashed',
    baseCurrency: 'GBP',
    existingProduct: (sku: string) =>
      sku === 'GIN-70' ? { packSize: 6, moq: 600, leadTimeDays: 21 } : undefined,
    existingSupplier: (code: string) =>
      code === 'SUP-SPIRIT' ? { paymentTermsDays: 45, leadTimeDays: 30 } : undefined,
    existingLocation: (code: string) =>
      code === 'WH-EU' ? { kind: '3pl' as const, regionCode: 'EU' as const } : undefined,
  };

  it('products: landed cost exactly, pack size and MOQ from Unleashed else the catalogue, lead time from the catalogue', () => {
    const out = normaliseUnleashedProducts(
      [
        {
          Guid: 'g1',
          ProductCode: 'GIN-70',
          ProductDescription: 'Leith Gin 70cl',
          AverageLandPrice: 7.415,
          LastCost: 7.2,
          ProductGroup: { GroupName: 'gin' },
          Supplier: { SupplierCode: 'SUP-SPIRIT' },
          LastModifiedOn: '/Date(1704067200000)/',
        },
        {
          Guid: 'g2',
          ProductCode: 'RUM-70',
          ProductDescription: 'Spiced Rum',
          AverageLandPrice: 0,
          DefaultPurchasePrice: 9.99,
          PackSize: 6.0,
          MinimumOrderQuantity: 119.5,
          Supplier: { SupplierCode: 'SUP-SPIRIT' },
          Obsolete: true,
        },
        { Guid: 'g3', ProductCode: 'NEW-1', ProductDescription: '' },
        { Guid: 'g4', ProductCode: '', ProductDescription: 'no code' },
      ],
      context,
    );
    expect(out.records).toEqual([
      {
        source: 'unleashed',
        sku: 'GIN-70',
        name: 'Leith Gin 70cl',
        category: 'gin',
        unitCostMinor: 742,
        costCurrency: 'GBP',
        packSize: 6,
        moq: 600,
        leadTimeDays: 21,
        supplierCode: 'SUP-SPIRIT',
        active: true,
        prices: [],
        sourceUpdatedAt: '2024-01-01T00:00:00.000Z',
      },
      {
        source: 'unleashed',
        sku: 'RUM-70',
        name: 'Spiced Rum',
        unitCostMinor: 999,
        costCurrency: 'GBP',
        packSize: 6,
        moq: 120,
        leadTimeDays: 30,
        supplierCode: 'SUP-SPIRIT',
        active: false,
        prices: [],
      },
      {
        source: 'unleashed',
        sku: 'NEW-1',
        name: 'NEW-1',
        unitCostMinor: 0,
        costCurrency: 'GBP',
        packSize: 1,
        moq: 1,
        leadTimeDays: 14,
        active: true,
        prices: [],
      },
    ]);
    for (const r of out.records) expect(productRecordSchema.safeParse(r).success).toBe(true);
    expect(out.rejections).toEqual([{ key: 'product g4', reason: 'product without a ProductCode' }]);
  });

  it('suppliers: currency and day-count payment terms from Unleashed, the rest from the catalogue', () => {
    expect(['30 Days', 'Net 45', '60', '20th Month following', null].map(paymentTermDays)).toEqual([
      30,
      45,
      60,
      undefined,
      undefined,
    ]);
    const out = normaliseUnleashedSuppliers(
      [
        {
          Guid: 's1',
          SupplierCode: 'SUP-SPIRIT',
          SupplierName: 'Van Leeuwen',
          Currency: { CurrencyCode: 'EUR' },
          PaymentTerm: 'Net 30',
        },
        { Guid: 's2', SupplierCode: 'SUP-NEW', SupplierName: 'New Co', PaymentTerm: '20th Month following' },
      ],
      context,
    );
    expect(out.records).toEqual([
      {
        source: 'unleashed',
        code: 'SUP-SPIRIT',
        name: 'Van Leeuwen',
        currency: 'EUR',
        paymentTermsDays: 30,
        leadTimeDays: 30,
      },
      {
        source: 'unleashed',
        code: 'SUP-NEW',
        name: 'New Co',
        currency: 'GBP',
        paymentTermsDays: 30,
        leadTimeDays: 14,
      },
    ]);
    for (const r of out.records) expect(supplierRecordSchema.safeParse(r).success).toBe(true);
  });

  it('warehouses: region from the country (or the catalogue), kind kept, obsolete skipped, unplaceable rejected', () => {
    expect(
      ['United Kingdom', 'gb', 'Netherlands', 'DE', 'USA', 'Australia', ''].map(regionOfCountry),
    ).toEqual(['UK', 'UK', 'EU', 'EU', 'US', undefined, undefined]);
    const out = normaliseUnleashedWarehouses(
      [
        { Guid: 'w1', WarehouseCode: 'DIST-UK', WarehouseName: 'Leith', Country: 'United Kingdom' },
        { Guid: 'w2', WarehouseCode: 'WH-EU', WarehouseName: 'Venlo', Country: null },
        { Guid: 'w3', WarehouseCode: 'OLD', WarehouseName: 'Old', Country: 'UK', Obsolete: true },
        { Guid: 'w4', WarehouseCode: 'SYD', WarehouseName: 'Sydney', Country: 'Australia' },
      ],
      context,
    );
    expect(out.records).toEqual([
      { source: 'unleashed', code: 'DIST-UK', name: 'Leith', kind: 'warehouse', regionCode: 'UK' },
      { source: 'unleashed', code: 'WH-EU', name: 'Venlo', kind: '3pl', regionCode: 'EU' },
    ]);
    for (const r of out.records) expect(locationRecordSchema.safeParse(r).success).toBe(true);
    expect(out.skipped).toEqual([{ key: 'OLD', reason: 'obsolete warehouse' }]);
    expect(out.rejections[0]!.key).toBe('SYD');
  });
});

describe('Unleashed assemblies → production batches', () => {
  const base = {
    Guid: 'a',
    AssemblyNumber: 'ASM-00000007',
    AssemblyDate: '/Date(1704067200000)/',
    AssembleBy: '/Date(1704412800000)/',
    AssemblyStatus: 'Parked',
    Quantity: 1200.0,
    Product: { Guid: 'p', ProductCode: 'GIN-70' },
    LastModifiedOn: '/Date(1704067200000)/',
  };

  it('maps statuses and dates, and keeps the line the catalogue knows', () => {
    expect(['Parked', 'Completed', 'Deleted', 'Bottling'].map(unleashedAssemblyStatus)).toEqual([
      'planned',
      'completed',
      'cancelled',
      'in_progress',
    ]);
    const out = normaliseUnleashedAssemblies(
      [
        base,
        { ...base, AssemblyNumber: 'ASM-8', AssemblyStatus: 'Bottling' },
        {
          ...base,
          AssemblyNumber: 'ASM-9',
          AssemblyStatus: 'Completed',
          CompletedDate: '/Date(1704499200000)/',
        },
        { ...base, AssemblyNumber: 'ASM-10', Quantity: 0 },
      ],
      { source: 'unleashed', lineOf: (n) => (n === 'ASM-8' ? 'BOTTLING-1' : undefined) },
    );
    expect(out.records).toEqual([
      {
        source: 'unleashed',
        externalId: 'ASM-00000007',
        sku: 'GIN-70',
        quantity: 1200,
        plannedStart: '2024-01-01',
        plannedEnd: '2024-01-05',
        status: 'planned',
        sourceUpdatedAt: '2024-01-01T00:00:00.000Z',
      },
      {
        source: 'unleashed',
        externalId: 'ASM-8',
        sku: 'GIN-70',
        lineCode: 'BOTTLING-1',
        quantity: 1200,
        plannedStart: '2024-01-01',
        plannedEnd: '2024-01-05',
        actualStart: '2024-01-01',
        status: 'in_progress',
        sourceUpdatedAt: '2024-01-01T00:00:00.000Z',
      },
      {
        source: 'unleashed',
        externalId: 'ASM-9',
        sku: 'GIN-70',
        quantity: 1200,
        plannedStart: '2024-01-01',
        plannedEnd: '2024-01-05',
        actualStart: '2024-01-01',
        actualEnd: '2024-01-06',
        status: 'completed',
        sourceUpdatedAt: '2024-01-01T00:00:00.000Z',
      },
    ]);
    for (const r of out.records) expect(productionBatchRecordSchema.safeParse(r).success).toBe(true);
    expect(out.rejections).toEqual([{ key: 'unleashed:ASM-10', reason: 'quantity 0 is not positive' }]);
  });
});
