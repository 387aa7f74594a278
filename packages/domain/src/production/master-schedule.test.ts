import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  committedLoad,
  type MasterScheduleInput,
  planMasterSchedule,
  type ScheduleItem,
} from './master-schedule';

const item = (overrides: Partial<ScheduleItem> = {}): ScheduleItem => ({
  sku: 'GIN',
  lineCode: 'L1',
  startingStock: 300,
  safetyStock: 100,
  weeklyDemand: [200, 200, 200, 200],
  lotSize: 300,
  moq: 300,
  packSize: 10,
  receipts: [],
  ...overrides,
});

const input = (overrides: Partial<MasterScheduleInput> = {}): MasterScheduleInput => ({
  asOf: '2026-01-04',
  horizonWeeks: 4,
  lines: [{ code: 'L1', capacityPerDay: 100, leadTimeDays: 2 }],
  items: [item()],
  committed: [],
  ...overrides,
});

describe('master production schedule', () => {
  /*
   * Worked by hand. Stock 300, safety stock 100, demand 200 a week, lot 300 (= MOQ), pack 10.
   * Week 1 (5–11 Jan): 300 − 200 = 100 ≥ 100, nothing due.
   * Week 2 (12–18 Jan): 100 − 200 = −100 < 100 → short 200 → batch max(200, 300) = 300 due 12 Jan → 200.
   * Week 3 (19–25 Jan): 200 − 200 = 0 < 100 → batch 300 due 19 Jan → 300.
   * Week 4: 300 − 200 = 100, nothing due.
   * Line: 100 a day, 2 days' lead. Batch 1 runs backwards from 11 Jan: 9, 10, 11 Jan (start 7 Jan,
   * available 12 Jan, on time). Batch 2 runs 16–18 Jan (start 14 Jan).
   */
  it('nets demand against stock and safety stock, and fits batches just before they are due', () => {
    const plan = planMasterSchedule(input());
    expect(plan.projections[0]!.weeks.map((w) => [w.planned, w.projected])).toEqual([
      [0, 100],
      [300, 200],
      [300, 300],
      [0, 100],
    ]);
    expect(
      plan.batches.map((b) => [b.quantity, b.dueDate, b.start, b.runStart, b.runEnd, b.lateDays]),
    ).toEqual([
      [300, '2026-01-12', '2026-01-07', '2026-01-09', '2026-01-11', 0],
      [300, '2026-01-19', '2026-01-14', '2026-01-16', '2026-01-18', 0],
    ]);
    expect(plan.shortfalls).toEqual([]);
    expect(plan.lineLoad[0]!.weeks.map((w) => [w.weekStart, w.capacity, w.planned])).toEqual([
      ['2026-01-05', 700, 300],
      ['2026-01-12', 700, 300],
      ['2026-01-19', 700, 0],
      ['2026-01-26', 700, 0],
    ]);
  });

  /*
   * At 50 a day: batch 1 (300) finds 7–11 Jan free (5 days × 50 = 250) before its due date; the other
   * 50 runs on 12 Jan → available 13 Jan, one day late (flagged). Batch 2 fits 13–18 Jan (6 × 50).
   */
  it('flags a batch that capacity makes late', () => {
    const plan = planMasterSchedule(input({ lines: [{ code: 'L1', capacityPerDay: 50, leadTimeDays: 2 }] }));
    expect(plan.batches.map((b) => [b.runStart, b.runEnd, b.lateDays])).toEqual([
      ['2026-01-07', '2026-01-12', 1],
      ['2026-01-13', '2026-01-18', 0],
    ]);
    expect(plan.shortfalls).toEqual([
      { kind: 'late', sku: 'GIN', lineCode: 'L1', quantity: 300, dueDate: '2026-01-12', lateDays: 1 },
    ]);
  });

  it('respects capacity taken by existing batches and counts their receipts', () => {
    const committed = [9, 10, 11].map((d) => ({
      lineCode: 'L1',
      date: `2026-01-${String(d).padStart(2, '0')}`,
      quantity: 100,
    }));
    const plan = planMasterSchedule(
      input({
        committed,
        items: [item({ receipts: [{ date: '2026-01-12', quantity: 300 }] })],
      }),
    );
    // With 300 arriving 12 Jan, week 2 ends at 400 − 200 = 200 and week 3 at 0 → one batch due 19 Jan.
    expect(plan.batches.map((b) => [b.quantity, b.dueDate])).toEqual([[300, '2026-01-19']]);
    expect(plan.lineLoad[0]!.weeks[0]!.committed).toBe(300);
  });

  it('reports what does not fit in the horizon, and SKUs without a line', () => {
    const tight = planMasterSchedule(input({ lines: [{ code: 'L1', capacityPerDay: 10, leadTimeDays: 0 }] }));
    const unscheduled = tight.shortfalls.filter((s) => s.kind === 'unscheduled');
    const made = tight.batches.reduce((s, b) => s + b.quantity, 0);
    expect(made).toBe(280); // 28 days × 10
    expect(unscheduled.reduce((s, u) => s + u.quantity, 0)).toBe(600 - 280);
    const orphan = planMasterSchedule(input({ items: [item({ lineCode: null })] }));
    expect(orphan.batches).toEqual([]);
    expect(orphan.shortfalls.map((s) => s.kind)).toEqual(['no-line', 'no-line']);
  });

  it('plans nothing without demand', () => {
    const plan = planMasterSchedule(
      input({ items: [item({ weeklyDemand: [0, 0, 0, 0], startingStock: 0, safetyStock: 0 })] }),
    );
    expect(plan.batches).toEqual([]);
  });

  it('spreads an existing batch over its run days after the lead time', () => {
    // Planned 5–11 Jan with 2 days' lead: runs 7–11 Jan, 100 a day; as of 8 Jan only 9–11 Jan remain.
    expect(
      committedLoad(
        { lineCode: 'L1', quantity: 500, plannedStart: '2026-01-05', plannedEnd: '2026-01-11' },
        2,
        '2026-01-08',
      ),
    ).toEqual([
      { lineCode: 'L1', date: '2026-01-09', quantity: 100 },
      { lineCode: 'L1', date: '2026-01-10', quantity: 100 },
      { lineCode: 'L1', date: '2026-01-11', quantity: 100 },
    ]);
  });
});

describe('master production schedule properties', () => {
  const itemArb = fc.record({
    sku: fc.constantFrom('A', 'B', 'C', 'D'),
    lineCode: fc.constantFrom('L1', 'L2'),
    startingStock: fc.integer({ min: -500, max: 5000 }),
    safetyStock: fc.integer({ min: 0, max: 1000 }),
    weeklyDemand: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 6, maxLength: 6 }),
    lotSize: fc.integer({ min: 0, max: 5000 }),
    moq: fc.integer({ min: 1, max: 2000 }),
    packSize: fc.integer({ min: 1, max: 24 }),
    receipts: fc.constant([]),
  });
  const lineArb = (code: string) =>
    fc.record({
      code: fc.constant(code),
      capacityPerDay: fc.integer({ min: 0, max: 800 }),
      leadTimeDays: fc.integer({ min: 0, max: 10 }),
    });

  it('never loads a line beyond its free capacity, and plans whole orders of at least the MOQ', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(itemArb, { selector: (i) => i.sku, minLength: 1, maxLength: 4 }),
        lineArb('L1'),
        lineArb('L2'),
        fc.array(
          fc.record({ day: fc.integer({ min: 1, max: 42 }), quantity: fc.integer({ min: 0, max: 900 }) }),
          {
            maxLength: 10,
          },
        ),
        (items, l1, l2, taken) => {
          const committed = taken.map((t) => ({
            lineCode: 'L1',
            date: new Date(Date.UTC(2026, 0, 4 + t.day)).toISOString().slice(0, 10),
            quantity: t.quantity,
          }));
          const plan = planMasterSchedule({
            asOf: '2026-01-04',
            horizonWeeks: 6,
            lines: [l1, l2],
            items,
            committed,
          });
          const used = new Map<string, number>();
          for (const batch of plan.batches) {
            for (const run of batch.runs) {
              const key = `${batch.lineCode}@${run.date}`;
              used.set(key, (used.get(key) ?? 0) + run.quantity);
            }
          }
          for (const [key, quantity] of used) {
            const [code, date] = key.split('@') as [string, string];
            const line = code === 'L1' ? l1 : l2;
            const already = committed
              .filter((c) => c.lineCode === code && c.date === date)
              .reduce((s, c) => s + c.quantity, 0);
            expect(quantity).toBeLessThanOrEqual(Math.max(0, line.capacityPerDay - already) + 1e-9);
          }
          for (const projection of plan.projections) {
            const source = items.find((i) => i.sku === projection.sku)!;
            for (const week of projection.weeks) {
              if (week.planned === 0) continue;
              expect(week.planned).toBeGreaterThanOrEqual(source.moq);
              expect(week.planned % source.packSize).toBe(0);
            }
          }
          const planned = plan.projections.flatMap((p) => p.weeks).reduce((s, w) => s + w.planned, 0);
          const scheduled = plan.batches.reduce((s, b) => s + b.quantity, 0);
          const open = plan.shortfalls
            .filter((s) => s.kind === 'unscheduled' || s.kind === 'no-line')
            .reduce((s, u) => s + u.quantity, 0);
          expect(scheduled + open).toBe(planned);
        },
      ),
    );
  });
});
