import type { StockLevelRecord } from '../../records/index';
import type { AmazonInventorySummary, AmazonMarketplaceContext, AmazonNormalised } from './amazon-types';

/**
 * FBA inventory summaries (with details) → stock at the marketplace's FBA location: on hand is what
 * sits in fulfilment centres (fulfillable, reserved, unfulfillable and under research), allocated the
 * reserved units, inbound the units in shipments on their way in.
 */
export function normaliseAmazonInventory(
  summaries: readonly AmazonInventorySummary[],
  context: AmazonMarketplaceContext,
  asOf: string,
): AmazonNormalised<StockLevelRecord> {
  const out: AmazonNormalised<StockLevelRecord> = { records: [], rejections: [], skipped: [] };
  for (const s of summaries) {
    const sku = s.sellerSku?.trim();
    if (!sku) {
      out.rejections.push({ key: `asin ${s.asin ?? '?'}`, reason: 'inventory summary without a sellerSku' });
      continue;
    }
    const d = s.inventoryDetails;
    if (!d) {
      out.rejections.push({ key: sku, reason: 'inventory summary without details (request details=true)' });
      continue;
    }
    const reserved = d.reservedQuantity?.totalReservedQuantity ?? 0;
    const onHand =
      (d.fulfillableQuantity ?? 0) +
      reserved +
      (d.unfulfillableQuantity?.totalUnfulfillableQuantity ?? 0) +
      (d.researchingQuantity?.totalResearchingQuantity ?? 0);
    out.records.push({
      source: context.source,
      sku,
      locationCode: context.locationCode,
      asOf,
      onHand,
      allocated: reserved,
      inbound:
        (d.inboundWorkingQuantity ?? 0) + (d.inboundShippedQuantity ?? 0) + (d.inboundReceivingQuantity ?? 0),
      ...(s.lastUpdatedTime ? { sourceUpdatedAt: s.lastUpdatedTime } : {}),
    });
  }
  return out;
}
