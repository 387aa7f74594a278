import { z } from 'zod';
import { isoDate } from './common';
import { pageInfo, pageQuery } from './inventory';

export const scheduleQuery = pageQuery.extend({
  weeks: z.coerce.number().int().min(1).max(26).default(13),
  line: z.string().max(64).optional(),
});
export type ScheduleQuery = z.infer<typeof scheduleQuery>;

export const lineWeek = z.object({
  weekStart: isoDate,
  capacity: z.number(),
  /** Taken by batches already planned or running. */
  committed: z.number(),
  /** Taken by the batches this schedule proposes. */
  planned: z.number(),
  /** (committed + planned) ÷ capacity; null without capacity. */
  utilisation: z.number().nullable(),
});

export const scheduleLine = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  capacityPerDay: z.number().int(),
  leadTimeDays: z.number().int(),
  weeks: z.array(lineWeek),
});

export const scheduleBatch = z.object({
  /** `planned`: proposed by this schedule; `existing`: already planned or running in the source system. */
  kind: z.enum(['planned', 'existing']),
  reference: z.string().nullable(),
  sku: z.string(),
  productName: z.string(),
  lineCode: z.string(),
  quantity: z.number().int(),
  start: isoDate,
  runStart: isoDate,
  runEnd: isoDate,
  availableFrom: isoDate,
  dueDate: isoDate.nullable(),
  lateDays: z.number().int(),
  status: z.string(),
});
export type ScheduleBatch = z.infer<typeof scheduleBatch>;

export const scheduleShortfall = z.object({
  kind: z.enum(['late', 'unscheduled', 'no-line']),
  sku: z.string(),
  lineCode: z.string().nullable(),
  quantity: z.number().int(),
  dueDate: isoDate,
  lateDays: z.number().int().nullable(),
});

export const scheduleItem = z.object({
  sku: z.string(),
  productName: z.string(),
  lineCode: z.string().nullable(),
  startingStock: z.number().int(),
  safetyStock: z.number(),
  weeks: z.array(
    z.object({
      weekStart: isoDate,
      demand: z.number(),
      receipts: z.number(),
      planned: z.number(),
      projected: z.number(),
    }),
  ),
});

export const scheduleResponse = z.object({
  asOf: isoDate.nullable(),
  computedAt: z.string().nullable(),
  demoData: z.boolean(),
  horizonWeeks: z.number().int(),
  lines: z.array(scheduleLine),
  items: z.array(scheduleItem),
  batches: z.object({ items: z.array(scheduleBatch), page: pageInfo }),
  shortfalls: z.array(scheduleShortfall),
});
export type ScheduleResponse = z.infer<typeof scheduleResponse>;
