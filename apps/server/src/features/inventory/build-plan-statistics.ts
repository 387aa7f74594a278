import type { InventorySettingsView } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import { coefficientOfVariation } from '@sentia/domain';
import { demandStatistics, HISTORY_WEEKS } from './demand-forecasts';
import { fulfilmentLocations, receivingLocation } from './fulfilment-locations';
import type { PolicyDetails, StoredPolicy } from './plan-model';
import { type PlanProduct, queryPlanCatalogue } from './queries/query-plan-catalogue';
import { queryRevenueBySku, queryWeeklySales } from './queries/query-sales-history';
import { queryMeanInbound, queryStockDate, queryStockPositions } from './queries/query-stock-positions';
import { queryObservedLeadTimes } from './queries/query-supply-history';

export interface PlanStatistics {
  asOf: string;
  /** False when no stock counts exist: positions are unknown and nothing can be proposed. */
  stockKnown: boolean;
  receivingLocationId: number | null;
  policies: StoredPolicy[];
}

type Db = Pick<Database, 'execute'>;

/** Lead-time history of two years. */
const LEAD_TIME_HISTORY_DAYS = 730;
/** Stock counts the transfer-time estimate averages over. */
const TRANSFER_HISTORY_DAYS = 364;

/**
 * Reads everything the policies need and forecasts demand: per SKU network-wide and per SKU × location
 * (channel demand assigned to the location that ships it), with lead times from purchase-order and batch
 * history, stock positions and revenue for ABC. The expensive step of the plan; the rest is derived.
 */
export async function buildPlanStatistics(
  db: Db,
  settings: InventorySettingsView,
  today: string,
): Promise<PlanStatistics> {
  const stockDate = await queryStockDate(db, today);
  const asOf = stockDate ?? today;
  // One after another: inside a transaction they share one connection.
  const catalogue = await queryPlanCatalogue(db, asOf);
  const positions = stockDate ? await queryStockPositions(db, asOf) : [];
  const sales = await queryWeeklySales(db, asOf, HISTORY_WEEKS);
  const revenue = await queryRevenueBySku(db, asOf, settings.abcWindowDays);
  const leadTimes = await queryObservedLeadTimes(db, asOf, LEAD_TIME_HISTORY_DAYS);
  const inbound = stockDate ? await queryMeanInbound(db, asOf, TRANSFER_HISTORY_DAYS) : [];
  const { products, locations, channels } = catalogue;
  const receiving = receivingLocation(locations, settings.receivingLocationCode);
  const shipsFrom = fulfilmentLocations(channels, locations, receiving?.id ?? null);

  // history[productId][locationId | 'network'] = units per week, oldest first.
  const history = new Map<number, Map<number | 'network', number[]>>();
  const series = (productId: number, key: number | 'network') => {
    let byKey = history.get(productId);
    if (!byKey) {
      byKey = new Map();
      history.set(productId, byKey);
    }
    let values = byKey.get(key);
    if (!values) {
      values = new Array<number>(HISTORY_WEEKS).fill(0);
      byKey.set(key, values);
    }
    return values;
  };
  for (const row of sales) {
    const index = HISTORY_WEEKS - 1 - row.weeksAgo;
    series(row.productId, 'network')[index]! += row.units;
    const location = shipsFrom.get(row.channelId);
    if (location != null) series(row.productId, location)[index]! += row.units;
  }

  const windowWeeks = Math.ceil(settings.abcWindowDays / 7);
  const policies: StoredPolicy[] = [];
  for (const product of products) {
    const supply: PolicyDetails['supply'] = product.lineId !== null ? 'production' : 'purchase';
    const supplyLead = supplyLeadTime(product, supply, leadTimes);
    const stock = positions.filter((p) => p.productId === product.id);
    const base = {
      version: 1 as const,
      sku: product.sku,
      productName: product.name,
      supply,
      supplierId: product.supplierId,
      supplierCode: product.supplierCode,
      lineCode: product.lineCode,
      unitCostMinor: product.unitCostMinor,
      costCurrency: product.costCurrency,
      unitCostGbpMinor: product.unitCostGbpMinor,
      moq: product.moq,
      packSize: product.packSize,
      stockAsOf: stockDate
        ? (stock
            .map((s) => s.asOf)
            .sort()
            .at(-1) ?? null)
        : null,
      demo: product.demo || stock.some((s) => s.demo),
    };
    const networkHistory = series(product.id, 'network');
    policies.push({
      productId: product.id,
      details: {
        ...base,
        ...demandFields(networkHistory, windowWeeks),
        locationId: null,
        locationCode: null,
        locationName: 'All locations',
        regionCode: null,
        revenueGbpMinor: revenue.get(product.id) ?? 0,
        ...supplyLead,
        onHand: sum(stock.map((s) => s.onHand)),
        allocated: sum(stock.map((s) => s.allocated)),
        inbound: sum(stock.map((s) => s.inbound)),
      },
    });
    for (const location of locations) {
      const here = stock.find((s) => s.locationId === location.id);
      const locationHistory = history.get(product.id)?.get(location.id);
      if (!here && !locationHistory) continue;
      const values = locationHistory ?? new Array<number>(HISTORY_WEEKS).fill(0);
      const lead =
        location.id === receiving?.id
          ? supplyLead
          : transferLeadTime(
              values,
              inbound.find((i) => i.productId === product.id && i.locationId === location.id),
              supplyLead,
            );
      policies.push({
        productId: product.id,
        details: {
          ...base,
          ...demandFields(values, windowWeeks),
          locationId: location.id,
          locationCode: location.code,
          locationName: location.name,
          regionCode: location.regionCode,
          revenueGbpMinor: 0,
          ...lead,
          onHand: here?.onHand ?? 0,
          allocated: here?.allocated ?? 0,
          inbound: here?.inbound ?? 0,
        },
      });
    }
  }
  return { asOf, stockKnown: stockDate !== null, receivingLocationId: receiving?.id ?? null, policies };
}

function demandFields(values: number[], windowWeeks: number) {
  const stats = demandStatistics(values);
  const firstSale = values.findIndex((v) => v > 0);
  const window = firstSale < 0 ? [] : values.slice(Math.max(firstSale, values.length - windowWeeks));
  return {
    weeklyForecast: stats.weeklyForecast.map((v) => Math.round(v * 1000) / 1000),
    sdPerWeek: stats.sdPerWeek,
    method: stats.method,
    model: stats.model,
    demandClass: stats.demandClass,
    cv: coefficientOfVariation(window),
  };
}

type LeadTime = Pick<PolicyDetails, 'leadTimeMeanDays' | 'leadTimeSdDays' | 'leadTimeSource'>;

/** From received orders (or completed batches) when there are any, else the product's master data. */
function supplyLeadTime(
  product: PlanProduct,
  supply: PolicyDetails['supply'],
  observed: readonly { productId: number; kind: string; days: number }[],
): LeadTime {
  const days = observed.filter((o) => o.productId === product.id && o.kind === supply).map((o) => o.days);
  const what = supply === 'purchase' ? 'received purchase orders' : 'completed batches';
  if (days.length === 0) {
    return {
      leadTimeMeanDays: product.leadTimeDays,
      leadTimeSdDays: 0,
      leadTimeSource: `Product master data (no ${what} in the last two years; variability unknown)`,
    };
  }
  const mean = sum(days) / days.length;
  const sd = days.length > 1 ? Math.sqrt(sum(days.map((d) => (d - mean) ** 2)) / (days.length - 1)) : 0;
  return {
    leadTimeMeanDays: mean,
    leadTimeSdDays: sd,
    leadTimeSource: `${days.length} ${what}${days.length === 1 ? ' (one observation: variability unknown)' : ''}`,
  };
}

/**
 * Replenishment time of a location supplied by transfers, by Little's law: stock in the pipeline =
 * throughput × time in the pipeline, so time ≈ mean inbound ÷ mean daily demand (Little 1961; Hopp &
 * Spearman, Factory Physics). Without inbound history or demand, the supply lead time.
 */
function transferLeadTime(
  weekly: number[],
  inbound: { meanInbound: number; counts: number } | undefined,
  supply: LeadTime,
): LeadTime {
  const recent = weekly.slice(-52);
  const daily = sum(recent) / (recent.length * 7);
  if (!inbound || inbound.meanInbound <= 0 || daily <= 0) {
    return {
      ...supply,
      leadTimeSource: `Supply lead time (no transfer history here): ${supply.leadTimeSource}`,
    };
  }
  const days = Math.min(365, Math.max(1, inbound.meanInbound / daily));
  return {
    leadTimeMeanDays: Math.round(days * 10) / 10,
    leadTimeSdDays: 0,
    leadTimeSource: `Transfer time by Little's law: mean inbound ${Math.round(inbound.meanInbound)} ÷ ${daily.toFixed(1)} a day over ${inbound.counts} counts`,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
