import type {
  BankAccountRecord,
  ChannelRecord,
  CustomerRecord,
  LocationRecord,
  ProductionLineRecord,
  ProductRecord,
  SupplierRecord,
} from '../records/index';
import { fromEpochDay } from './dates';
import type { PriceBook } from './price-book';
import {
  DEMO_BANK_ACCOUNTS,
  DEMO_CHANNELS,
  DEMO_LOCATIONS,
  DEMO_MARKETPLACE_CUSTOMERS,
  DEMO_PRODUCTION_LINES,
  DEMO_SKUS,
  DEMO_SUPPLIERS,
  DEMO_TRADE_CUSTOMERS,
} from './reference-customer';

/** The master data of the demo business, in the order it must be written (referenced before referencing). */
export interface DemoCatalogue {
  suppliers: SupplierRecord[];
  products: ProductRecord[];
  channels: ChannelRecord[];
  locations: LocationRecord[];
  customers: CustomerRecord[];
  productionLines: ProductionLineRecord[];
  bankAccounts: BankAccountRecord[];
}

const source = 'demo';

export function buildCatalogueRecords(prices: PriceBook, startDay: number): DemoCatalogue {
  return {
    suppliers: DEMO_SUPPLIERS.map((s) => ({
      source,
      code: s.code,
      name: s.name,
      currency: s.currency,
      paymentTermsDays: s.paymentTermsDays,
      leadTimeDays: s.leadTimeDays,
    })),
    products: DEMO_SKUS.map((s, i) => ({
      source,
      sku: s.sku,
      name: s.name,
      category: s.category,
      unitCostMinor: s.unitCostMinor,
      costCurrency: s.costCurrency,
      packSize: s.packSize,
      moq: s.moq,
      leadTimeDays: s.leadTimeDays,
      ...(s.supply.kind === 'buy' ? { supplierCode: s.supply.supplierCode } : {}),
      ...(s.supply.kind === 'make' && s.supply.lineCode === 'CM-CANNING'
        ? { supplierCode: 'SUP-CANNING' }
        : {}),
      active: true,
      prices: prices.entries(i, startDay).map((e) => ({
        currency: e.currency,
        priceMinor: e.priceMinor,
        validFrom: fromEpochDay(e.validFromDay),
      })),
    })),
    channels: DEMO_CHANNELS.map((c) => ({
      source,
      code: c.code,
      name: c.name,
      kind: c.kind,
      regionCode: c.region,
      currency: c.currency,
      settlementDays: c.settlementDays,
    })),
    locations: DEMO_LOCATIONS.map((l) => ({
      source,
      code: l.code,
      name: l.name,
      kind: l.kind,
      regionCode: l.region,
    })),
    customers: [
      ...DEMO_MARKETPLACE_CUSTOMERS.map((c) => ({
        source,
        code: c.code,
        name: c.name,
        channelCode: c.channelCode,
        paymentTermsDays: DEMO_CHANNELS.find((ch) => ch.code === c.channelCode)!.settlementDays,
      })),
      ...DEMO_TRADE_CUSTOMERS.map((c) => ({
        source,
        code: c.code,
        name: c.name,
        channelCode: 'wholesale-uk',
        paymentTermsDays: c.paymentTermsDays,
      })),
    ],
    productionLines: DEMO_PRODUCTION_LINES.map((l) => ({ source, ...l })),
    bankAccounts: DEMO_BANK_ACCOUNTS.map((a) => ({
      source,
      externalId: a.externalId,
      name: a.name,
      currency: a.currency,
    })),
  };
}
