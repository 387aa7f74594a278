import { z } from 'zod';

/** A business date, `YYYY-MM-DD`. */
export const isoDate = z.iso.date();

/** An amount in integer minor units (pence, cents) with its currency. */
export const moneyAmount = z.object({
  minor: z.number().int(),
  currency: z.string().length(3),
});
export type MoneyAmount = z.infer<typeof moneyAmount>;

/** RFC 9457 problem details, as every error leaves the API. */
export const problemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  /** The fields at fault, for validation errors. */
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ProblemDetails = z.infer<typeof problemDetails>;

/** Where data that a page needs would come from, when it is missing. */
export const dataGap = z.object({
  reason: z.string(),
  supplyBy: z.array(z.object({ label: z.string(), href: z.string() })),
});
export type DataGap = z.infer<typeof dataGap>;
