import type { ScheduleBatch, ScheduleQuery, ScheduleResponse } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import { committedLoad, planMasterSchedule, type ScheduleItem } from '@sentia/domain';
import { type LoadedPlan, loadPlan, paginate, readStoredPlan } from '../inventory/load-plan';
import { addDays } from '../inventory/plan-model';
import {
  type OpenBatchRow,
  type ProductionLineRow,
  queryOpenBatches,
  queryProductionLines,
} from './queries/query-production-lines';

/**
 * The master production schedule: for every SKU made on a line, forecast demand plus safety stock netted
 * against stock that can serve it (on hand − allocated everywhere, plus transfers in transit) and the
 * batches already planned or running; new batches fitted into each line's remaining capacity, earliest
 * due first, with what comes late or does not fit flagged. Recomputed from the current plan on each call.
 */
export async function getProductionSchedule(
  db: Database,
  query: ScheduleQuery,
  today: string,
): Promise<ScheduleResponse> {
  const [plan, lines, openBatches] = await Promise.all([
    loadPlan(db, today),
    queryProductionLines(db),
    queryOpenBatches(db),
  ]);
  const asOf = plan.state?.asOf ?? null;
  const empty = {
    asOf,
    computedAt: plan.state?.computedAt ?? null,
    demoData: plan.demoData,
    horizonWeeks: query.weeks,
  };
  if (!asOf || !plan.state?.stockKnown) {
    return {
      ...empty,
      lines: [],
      items: [],
      batches: paginate([], query.limit, query.offset),
      shortfalls: [],
    };
  }
  const { items, schedule } = masterSchedule(plan, lines, openBatches, asOf, query.weeks);
  const leadOf = new Map(lines.map((l) => [l.code, l.leadTimeDays]));
  const nameOf = new Map(items.map((i) => [i.sku, i.productName]));
  const existing: ScheduleBatch[] = openBatches
    .filter((b) => b.lineCode)
    .map((b) => {
      const lead = leadOf.get(b.lineCode!) ?? 0;
      const runStart =
        addDays(b.plannedStart, lead) <= b.plannedEnd ? addDays(b.plannedStart, lead) : b.plannedStart;
      return {
        kind: 'existing',
        reference: b.externalId,
        sku: b.sku,
        productName: b.productName,
        lineCode: b.lineCode!,
        quantity: b.quantity,
        start: b.plannedStart,
        runStart,
        runEnd: b.plannedEnd,
        availableFrom: addDays(b.actualEnd ?? b.plannedEnd, 1),
        dueDate: null,
        lateDays: 0,
        status: b.status,
      };
    });
  const planned: ScheduleBatch[] = schedule.batches.map((b) => ({
    kind: 'planned',
    reference: null,
    sku: b.sku,
    productName: nameOf.get(b.sku) ?? b.sku,
    lineCode: b.lineCode,
    quantity: Math.round(b.quantity),
    start: b.start,
    runStart: b.runStart,
    runEnd: b.runEnd,
    availableFrom: b.availableFrom,
    dueDate: b.dueDate,
    lateDays: b.lateDays,
    status: b.lateDays > 0 ? 'late' : 'proposed',
  }));
  const batches = [...existing, ...planned]
    .filter((b) => !query.line || b.lineCode === query.line)
    .sort((a, b) => a.runStart.localeCompare(b.runStart) || a.lineCode.localeCompare(b.lineCode));
  return {
    ...empty,
    lines: lines
      .filter((l) => !query.line || l.code === query.line)
      .map((l) => ({
        code: l.code,
        name: l.name,
        kind: l.kind,
        capacityPerDay: l.capacityPerDay,
        leadTimeDays: l.leadTimeDays,
        weeks: (schedule.lineLoad.find((x) => x.lineCode === l.code)?.weeks ?? []).map((w) => ({
          ...w,
          utilisation: w.capacity > 0 ? (w.committed + w.planned) / w.capacity : null,
        })),
      })),
    items: schedule.projections.map((p) => {
      const item = items.find((i) => i.sku === p.sku)!;
      return {
        sku: p.sku,
        productName: item.productName,
        lineCode: item.lineCode,
        startingStock: Math.round(item.startingStock),
        safetyStock: item.safetyStock,
        weeks: p.weeks.map(({ safetyStock: _, ...w }) => w),
      };
    }),
    batches: paginate(batches, query.limit, query.offset),
    shortfalls: schedule.shortfalls.map((s) => ({
      kind: s.kind,
      sku: s.sku,
      lineCode: 'lineCode' in s ? s.lineCode : null,
      quantity: Math.round(s.quantity),
      dueDate: s.dueDate,
      lateDays: s.kind === 'late' ? s.lateDays : null,
    })),
  };
}

/**
 * The schedule the plan calls for: every SKU made on a line, its demand plus safety stock netted against
 * usable stock and the open batches, fitted into each line's remaining capacity. Pure given its inputs.
 */
export function masterSchedule(
  plan: Pick<LoadedPlan, 'state' | 'policies'>,
  lines: readonly ProductionLineRow[],
  openBatches: readonly OpenBatchRow[],
  asOf: string,
  weeks: number,
) {
  const receiving = plan.state?.receivingLocationId ?? null;
  const leadOf = new Map(lines.map((l) => [l.code, l.leadTimeDays]));
  const made = plan.policies.filter(
    (p) => p.details.locationId === null && p.details.supply === 'production',
  );
  const items: (ScheduleItem & { productName: string })[] = made.map((p) => {
    const d = p.details;
    const inTransit = plan.policies
      .filter(
        (l) =>
          l.productId === p.productId && l.details.locationId !== null && l.details.locationId !== receiving,
      )
      .reduce((s, l) => s + l.details.inbound, 0);
    return {
      sku: d.sku,
      productName: d.productName,
      lineCode: d.lineCode,
      startingStock: d.onHand - d.allocated + inTransit,
      safetyStock: p.policy.safetyStock,
      weeklyDemand: d.weeklyForecast,
      lotSize: p.policy.orderQuantity,
      moq: d.moq,
      packSize: d.packSize,
      receipts: openBatches
        .filter((b) => b.productId === p.productId)
        .map((b) => ({ date: addDays(b.actualEnd ?? b.plannedEnd, 1), quantity: b.quantity })),
    };
  });
  const committed = openBatches.flatMap((b) =>
    b.lineCode ? committedLoad({ ...b, lineCode: b.lineCode }, leadOf.get(b.lineCode) ?? 0, asOf) : [],
  );
  const schedule = planMasterSchedule({ asOf, horizonWeeks: weeks, lines, items, committed });

  return { items, schedule };
}

/**
 * The batches the schedule proposes (not yet planned or running: those are `production_batches` rows)
 * from the plan as last computed, without recomputing it — nothing is written. Empty while the plan or
 * stock is unknown. The cash forecast pays for the contract-manufactured ones.
 */
export async function proposedBatchesOfStoredPlan(db: Database, weeks: number) {
  const [plan, lines, openBatches] = await Promise.all([
    readStoredPlan(db),
    queryProductionLines(db),
    queryOpenBatches(db),
  ]);
  const asOf = plan.state?.asOf;
  if (!asOf || !plan.state?.stockKnown) return { asOf: null, lines, batches: [] };
  return { asOf, lines, batches: masterSchedule(plan, lines, openBatches, asOf, weeks).schedule.batches };
}
