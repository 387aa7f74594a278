import { fromEpochDay, toEpochDay } from '../demo/dates';
import { orderableQuantity } from '../inventory/order-quantity';

/** A production line or contract manufacturer: units it can finish per day, and days before a run starts. */
export interface ScheduleLine {
  code: string;
  capacityPerDay: number;
  /** Days between starting a batch (maceration, booking the contract slot) and its run on the line. */
  leadTimeDays: number;
}

export interface ScheduleItem {
  sku: string;
  /** The line the SKU is made on; null when none is known (reported as a shortfall). */
  lineCode: string | null;
  /** Stock that can serve demand at the end of the as-of date, not counting batches still in production. */
  startingStock: number;
  safetyStock: number;
  /** Forecast demand per week, the first week starting the day after the as-of date. */
  weeklyDemand: readonly number[];
  /** Preferred batch size (e.g. the EOQ); batches are at least this, the MOQ, and in whole packs. */
  lotSize: number;
  moq: number;
  packSize: number;
  /** Batches already planned or running, available from the given date. */
  receipts: readonly { date: string; quantity: number }[];
}

export interface MasterScheduleInput {
  /** YYYY-MM-DD: the plan starts the day after. */
  asOf: string;
  horizonWeeks: number;
  lines: readonly ScheduleLine[];
  items: readonly ScheduleItem[];
  /** Capacity already taken by existing batches, per line and day. */
  committed: readonly { lineCode: string; date: string; quantity: number }[];
}

export interface PlannedBatch {
  sku: string;
  lineCode: string;
  quantity: number;
  /** When the stock is needed: the start of the week the projection would fall below safety stock. */
  dueDate: string;
  /** Start of the batch, `leadTimeDays` before its first run day. */
  start: string;
  runStart: string;
  runEnd: string;
  /** The day after the last run day. */
  availableFrom: string;
  lateDays: number;
  /** Units run on each day (capacity used). */
  runs: { date: string; quantity: number }[];
}

export type Shortfall =
  | { kind: 'late'; sku: string; lineCode: string; quantity: number; dueDate: string; lateDays: number }
  | { kind: 'unscheduled'; sku: string; lineCode: string; quantity: number; dueDate: string }
  | { kind: 'no-line'; sku: string; quantity: number; dueDate: string };

export interface WeekProjection {
  weekStart: string;
  demand: number;
  receipts: number;
  planned: number;
  /** Projected available balance at the end of the week, with the planned batches as due. */
  projected: number;
  safetyStock: number;
}

export interface LineWeekLoad {
  weekStart: string;
  capacity: number;
  committed: number;
  planned: number;
}

export interface MasterSchedule {
  batches: PlannedBatch[];
  shortfalls: Shortfall[];
  lineLoad: { lineCode: string; weeks: LineWeekLoad[] }[];
  projections: { sku: string; weeks: WeekProjection[] }[];
}

interface PlannedOrder {
  sku: string;
  lineCode: string | null;
  quantity: number;
  due: number;
}

/**
 * Master production schedule in two passes. Netting (MRP logic, Silver, Pyke & Thomas 2017; Vollmann et
 * al., Manufacturing Planning and Control): week by week, projected stock = previous + receipts − forecast;
 * when it would end a week below safety stock, a batch is due at that week's start, sized at least the lot
 * size, the shortfall and the MOQ, in whole packs. Capacity (finite loading): batches are taken earliest-due
 * first and fitted into each line's free capacity per day, backwards from the due date so stock is not
 * made early; what does not fit in time runs as early as possible after it (late), and what does not fit
 * in the horizon is reported unscheduled. Lines run every day; capacity already taken by existing batches
 * is respected, so the plan never loads a line beyond its capacity.
 */
export function planMasterSchedule(input: MasterScheduleInput): MasterSchedule {
  const { horizonWeeks } = input;
  if (!(Number.isInteger(horizonWeeks) && horizonWeeks >= 1)) {
    throw new RangeError('horizon must be a whole number of weeks ≥ 1');
  }
  const asOf = toEpochDay(input.asOf);
  const firstDay = asOf + 1;
  const lastDay = asOf + horizonWeeks * 7;
  const lines = new Map(input.lines.map((line) => [line.code, line]));
  const free = freeCapacity(input, firstDay, lastDay);

  const orders: PlannedOrder[] = [];
  const projections = input.items.map((item) => {
    const { weeks, planned } = netRequirements(item, asOf, horizonWeeks);
    orders.push(...planned);
    return { sku: item.sku, weeks };
  });

  orders.sort((a, b) => a.due - b.due || a.sku.localeCompare(b.sku));
  const batches: PlannedBatch[] = [];
  const shortfalls: Shortfall[] = [];
  for (const order of orders) {
    const line = order.lineCode === null ? undefined : lines.get(order.lineCode);
    if (!line) {
      shortfalls.push({
        kind: 'no-line',
        sku: order.sku,
        quantity: order.quantity,
        dueDate: fromEpochDay(order.due),
      });
      continue;
    }
    const capacity = free.get(line.code)!;
    const runs = new Map<number, number>();
    let remaining = order.quantity;
    const earliestRun = firstDay + line.leadTimeDays;
    for (let day = order.due - 1; day >= earliestRun && remaining > 0; day--) {
      remaining -= take(capacity, day, remaining, runs);
    }
    for (let day = Math.max(order.due, earliestRun); day <= lastDay && remaining > 0; day++) {
      remaining -= take(capacity, day, remaining, runs);
    }
    const scheduled = order.quantity - remaining;
    if (scheduled > 0) {
      const days = [...runs.keys()].sort((a, b) => a - b);
      const runStart = days[0]!;
      const runEnd = days[days.length - 1]!;
      const lateDays = Math.max(0, runEnd + 1 - order.due);
      batches.push({
        sku: order.sku,
        lineCode: line.code,
        quantity: scheduled,
        dueDate: fromEpochDay(order.due),
        start: fromEpochDay(runStart - line.leadTimeDays),
        runStart: fromEpochDay(runStart),
        runEnd: fromEpochDay(runEnd),
        availableFrom: fromEpochDay(runEnd + 1),
        lateDays,
        runs: days.map((d) => ({ date: fromEpochDay(d), quantity: runs.get(d)! })),
      });
      if (lateDays > 0) {
        shortfalls.push({
          kind: 'late',
          sku: order.sku,
          lineCode: line.code,
          quantity: scheduled,
          dueDate: fromEpochDay(order.due),
          lateDays,
        });
      }
    }
    if (remaining > 0) {
      shortfalls.push({
        kind: 'unscheduled',
        sku: order.sku,
        lineCode: line.code,
        quantity: remaining,
        dueDate: fromEpochDay(order.due),
      });
    }
  }
  return { batches, shortfalls, lineLoad: lineLoad(input, batches, firstDay), projections };
}

function take(capacity: Map<number, number>, day: number, wanted: number, runs: Map<number, number>): number {
  const available = capacity.get(day) ?? 0;
  const quantity = Math.min(available, wanted);
  if (quantity <= 0) return 0;
  capacity.set(day, available - quantity);
  runs.set(day, (runs.get(day) ?? 0) + quantity);
  return quantity;
}

function freeCapacity(
  input: MasterScheduleInput,
  firstDay: number,
  lastDay: number,
): Map<string, Map<number, number>> {
  const free = new Map<string, Map<number, number>>();
  for (const line of input.lines) {
    if (!(Number.isFinite(line.capacityPerDay) && line.capacityPerDay >= 0)) {
      throw new RangeError(`capacity of ${line.code} must be ≥ 0`);
    }
    const days = new Map<number, number>();
    for (let day = firstDay; day <= lastDay; day++) days.set(day, line.capacityPerDay);
    free.set(line.code, days);
  }
  for (const load of input.committed) {
    const days = free.get(load.lineCode);
    const day = toEpochDay(load.date);
    if (!days?.has(day)) continue;
    days.set(day, Math.max(0, days.get(day)! - load.quantity));
  }
  return free;
}

function netRequirements(
  item: ScheduleItem,
  asOf: number,
  horizonWeeks: number,
): { weeks: WeekProjection[]; planned: PlannedOrder[] } {
  const receiptsByWeek = new Array<number>(horizonWeeks).fill(0);
  let balance = item.startingStock;
  for (const receipt of item.receipts) {
    const week = Math.floor((toEpochDay(receipt.date) - asOf - 1) / 7);
    if (week < 0) balance += receipt.quantity;
    else if (week < horizonWeeks) receiptsByWeek[week]! += receipt.quantity;
  }
  const weeks: WeekProjection[] = [];
  const planned: PlannedOrder[] = [];
  for (let week = 0; week < horizonWeeks; week++) {
    const weekStart = asOf + 1 + week * 7;
    const demand = Math.max(0, item.weeklyDemand[week] ?? 0);
    balance += receiptsByWeek[week]! - demand;
    let plannedQuantity = 0;
    if (balance < item.safetyStock) {
      const shortage = item.safetyStock - balance;
      plannedQuantity = orderableQuantity(Math.max(shortage, item.lotSize), item.moq, item.packSize);
      balance += plannedQuantity;
      planned.push({ sku: item.sku, lineCode: item.lineCode, quantity: plannedQuantity, due: weekStart });
    }
    weeks.push({
      weekStart: fromEpochDay(weekStart),
      demand,
      receipts: receiptsByWeek[week]!,
      planned: plannedQuantity,
      projected: balance,
      safetyStock: item.safetyStock,
    });
  }
  return { weeks, planned };
}

function lineLoad(input: MasterScheduleInput, batches: readonly PlannedBatch[], firstDay: number) {
  const weekOf = (date: string) => Math.floor((toEpochDay(date) - firstDay) / 7);
  return input.lines.map((line) => {
    const weeks: LineWeekLoad[] = Array.from({ length: input.horizonWeeks }, (_, w) => ({
      weekStart: fromEpochDay(firstDay + w * 7),
      capacity: line.capacityPerDay * 7,
      committed: 0,
      planned: 0,
    }));
    for (const load of input.committed) {
      const w = weekOf(load.date);
      if (load.lineCode === line.code && w >= 0 && w < weeks.length) weeks[w]!.committed += load.quantity;
    }
    for (const batch of batches) {
      if (batch.lineCode !== line.code) continue;
      for (const run of batch.runs) {
        const w = weekOf(run.date);
        if (w >= 0 && w < weeks.length) weeks[w]!.planned += run.quantity;
      }
    }
    return { lineCode: line.code, weeks };
  });
}

/**
 * Capacity taken by an existing batch: its quantity spread evenly over its run days — from the planned
 * start plus the line's lead time to the planned end (the whole window when that is shorter) — counting
 * only days after the as-of date.
 */
export function committedLoad(
  batch: { lineCode: string; quantity: number; plannedStart: string; plannedEnd: string },
  leadTimeDays: number,
  asOf: string,
): { lineCode: string; date: string; quantity: number }[] {
  const start = toEpochDay(batch.plannedStart);
  const end = toEpochDay(batch.plannedEnd);
  const runStart = start + leadTimeDays <= end ? start + leadTimeDays : start;
  const days = end - runStart + 1;
  if (days <= 0) return [];
  const perDay = batch.quantity / days;
  const after = toEpochDay(asOf);
  const load: { lineCode: string; date: string; quantity: number }[] = [];
  for (let day = Math.max(runStart, after + 1); day <= end; day++) {
    load.push({ lineCode: batch.lineCode, date: fromEpochDay(day), quantity: perDay });
  }
  return load;
}
