import type { StockLevelRecord } from '../../records/index';
import { optionalInstant } from './normalise-catalogue';
import { collect } from './normalise-each';
import type { UnleashedNormalised, UnleashedStockOnHand } from './unleashed-types';

export interface UnleashedStockContext {
  source: string;
  /** The warehouse the rows were requested for (`warehouseCode=`): rows without one are totals. */
  warehouseCode: string;
  /** The day the snapshot is for (the sync's UTC date). */
  asOf: string;
}

/**
 * Stock on hand of one warehouse → stock levels: on hand `QtyOnHand`, allocated `AllocatedQty`
 * (sales orders and parked assemblies), inbound `OnPurchase` (open purchase orders). Unleashed
 * keeps fractional quantities (kilograms, part packs); levels are whole units, so they are rounded
 * to the nearest unit. A row for another warehouse, or an all-warehouse total, is refused rather
 * than booked to the wrong place.
 */
export function normaliseUnleashedStock(
  rows: readonly UnleashedStockOnHand[],
  context: UnleashedStockContext,
): UnleashedNormalised<StockLevelRecord> {
  return collect(
    rows,
    (row) => `${row.ProductCode ?? row.ProductGuid}@${context.warehouseCode}`,
    (row, out) => {
      const sku = row.ProductCode?.trim();
      if (!sku) throw new RangeError('stock row without a ProductCode');
      const warehouse = row.WarehouseCode?.trim();
      if (warehouse !== context.warehouseCode) {
        throw new RangeError(
          warehouse
            ? `row for warehouse ${warehouse} in the ${context.warehouseCode} listing`
            : 'all-warehouse total (no WarehouseCode): request stock per warehouse',
        );
      }
      out.records.push({
        source: context.source,
        sku,
        locationCode: warehouse,
        asOf: context.asOf,
        onHand: units(row.QtyOnHand),
        allocated: Math.max(0, units(row.AllocatedQty)),
        inbound: Math.max(0, units(row.OnPurchase)),
        ...optionalInstant(row.LastModifiedOn),
      });
    },
  );
}

function units(value: number | null | undefined): number {
  const n = Math.round(value ?? 0);
  return n === 0 ? 0 : n;
}
