import { type Database, schema } from '@sentia/db';
import {
  type ChannelRecord,
  type CustomerRecord,
  channelRecordSchema,
  customerRecordSchema,
  type LocationRecord,
  locationRecordSchema,
  type ProductRecord,
  productRecordSchema,
  type SupplierRecord,
  supplierRecordSchema,
} from '@sentia/domain';
import { bulkUpsert } from './bulk-upsert';
import type { IngestResult } from './ingest-result';
import { runIngest } from './run-ingest';
import { toInstant } from './upsert-sql';

const { suppliers, products, priceLists, channels, locations, customers } = schema;

/** Suppliers by code; a later `sourceUpdatedAt` wins. */
export function upsertSuppliers(db: Database, records: readonly SupplierRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: supplierRecordSchema,
    keyOf: (r) => r.code,
    async write(tx, batch) {
      const rows = await bulkUpsert(
        tx,
        suppliers,
        batch.map((r) => ({
          code: r.code,
          name: r.name,
          currency: r.currency,
          paymentTermsDays: r.paymentTermsDays,
          leadTimeDays: r.leadTimeDays,
          source: r.source,
          sourceUpdatedAt: toInstant(r.sourceUpdatedAt),
        })),
        {
          conflict: ['code'],
          update: ['name', 'currency', 'paymentTermsDays', 'leadTimeDays', 'source', 'sourceUpdatedAt'],
          touchUpdatedAt: true,
          laterSourceWins: true,
          returning: ['id'],
        },
      );
      return rows.length;
    },
  });
}

/**
 * Products by SKU, with their price lists (one entry per currency and start date; entries not
 * listed are kept, as price history). A product whose update the later-wins guard refused keeps
 * its prices too.
 */
export function upsertProducts(db: Database, records: readonly ProductRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: productRecordSchema,
    keyOf: (r) => r.sku,
    references: (r) => (r.supplierCode ? [{ kind: 'supplier', key: r.supplierCode, label: 'supplier' }] : []),
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        products,
        batch.map((r) => ({
          sku: r.sku,
          name: r.name,
          category: r.category ?? null,
          unitCost: r.unitCostMinor,
          costCurrency: r.costCurrency,
          packSize: r.packSize,
          moq: r.moq,
          leadTimeDays: r.leadTimeDays,
          supplierId: r.supplierCode ? keys.id('supplier', r.supplierCode)! : null,
          active: r.active ?? true,
          source: r.source,
          sourceUpdatedAt: toInstant(r.sourceUpdatedAt),
        })),
        {
          conflict: ['sku'],
          update: [
            'name',
            'category',
            'unitCost',
            'costCurrency',
            'packSize',
            'moq',
            'leadTimeDays',
            'supplierId',
            'active',
            'source',
            'sourceUpdatedAt',
          ],
          touchUpdatedAt: true,
          laterSourceWins: true,
          returning: ['id', 'sku'],
        },
      );
      const bySku = new Map(batch.map((r) => [r.sku, r]));
      const prices = rows.flatMap((row) => {
        const record = bySku.get(String(row.sku))!;
        return record.prices.map((p) => ({
          productId: Number(row.id),
          currency: p.currency,
          price: p.priceMinor,
          validFrom: p.validFrom,
          source: record.source,
        }));
      });
      await bulkUpsert(tx, priceLists, prices, {
        conflict: ['productId', 'currency', 'validFrom'],
        update: ['price', 'source'],
      });
      return rows.length;
    },
  });
}

/** Channels by code. The table keeps no source modification time, so the latest write wins. */
export function upsertChannels(db: Database, records: readonly ChannelRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: channelRecordSchema,
    keyOf: (r) => r.code,
    async write(tx, batch) {
      const rows = await bulkUpsert(
        tx,
        channels,
        batch.map((r) => ({
          code: r.code,
          name: r.name,
          kind: r.kind,
          regionCode: r.regionCode,
          currency: r.currency,
          settlementDays: r.settlementDays,
          source: r.source,
        })),
        {
          conflict: ['code'],
          update: ['name', 'kind', 'regionCode', 'currency', 'settlementDays', 'source'],
          returning: ['id'],
        },
      );
      return rows.length;
    },
  });
}

/** Locations by code (latest write wins). */
export function upsertLocations(db: Database, records: readonly LocationRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: locationRecordSchema,
    keyOf: (r) => r.code,
    async write(tx, batch) {
      const rows = await bulkUpsert(
        tx,
        locations,
        batch.map((r) => ({
          code: r.code,
          name: r.name,
          kind: r.kind,
          regionCode: r.regionCode,
          source: r.source,
        })),
        { conflict: ['code'], update: ['name', 'kind', 'regionCode', 'source'], returning: ['id'] },
      );
      return rows.length;
    },
  });
}

/** Customers by code (latest write wins); the channel is resolved by its code. */
export function upsertCustomers(db: Database, records: readonly CustomerRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: customerRecordSchema,
    keyOf: (r) => r.code,
    references: (r) => (r.channelCode ? [{ kind: 'channel', key: r.channelCode, label: 'channel' }] : []),
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        customers,
        batch.map((r) => ({
          code: r.code,
          name: r.name,
          channelId: r.channelCode ? keys.id('channel', r.channelCode)! : null,
          paymentTermsDays: r.paymentTermsDays,
          source: r.source,
        })),
        {
          conflict: ['code'],
          update: ['name', 'channelId', 'paymentTermsDays', 'source'],
          returning: ['id'],
        },
      );
      return rows.length;
    },
  });
}
