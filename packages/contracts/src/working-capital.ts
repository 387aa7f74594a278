import { z } from 'zod';
import { dataGap, isoDate } from './common';

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');
const minor = z.number().int();
const days = z.number().nullable();

// ─── Settings ────────────────────────────────────────────────────────────────────────────────

export const channelTerms = z
  .object({
    channelCode: z.string().min(1).max(64),
    /** Days from a sale to the cash arriving (after the payout cycle closes). */
    settlementDays: z.number().int().min(0).max(365),
    /** Sales are paid out in cycles of this many days (Amazon 14, daily 1). */
    payoutEveryDays: z.number().int().min(1).max(31),
  })
  .strict();
export type ChannelTerms = z.infer<typeof channelTerms>;

export const recurringCost = z
  .object({
    label: z.string().trim().min(1).max(80),
    kind: z.enum(['payroll', 'overhead', 'vat', 'other']),
    amountMinor: z.number().int().positive(),
    currency: currencyCode,
    frequency: z.enum(['weekly', 'monthly', 'quarterly']),
    /** The next payment date; later ones follow at the frequency. */
    nextDate: isoDate,
  })
  .strict();
export type RecurringCost = z.infer<typeof recurringCost>;

export const cccThresholds = z
  .object({
    target: z.number().min(-365).max(730),
    warning: z.number().min(-365).max(730),
    critical: z.number().min(-365).max(730),
  })
  .strict()
  .refine((t) => t.target <= t.warning && t.warning <= t.critical, {
    message: 'must satisfy target ≤ warning ≤ critical',
  });

export const workingCapitalSettings = z
  .object({
    /** Overrides of the channel's own settlement terms (channels.settlement_days), per channel code. */
    channelTerms: z.array(channelTerms).max(200),
    recurringCosts: z.array(recurringCost).max(100),
    /** GBP minor units. */
    creditFacility: z
      .object({ limitMinor: z.number().int().min(0), drawnMinor: z.number().int().min(0) })
      .strict()
      .refine((f) => f.drawnMinor <= f.limitMinor, { message: 'drawn cannot exceed the limit' }),
    /** GBP minor units; a forecast day closing below it is a breach. */
    minimumCashMinor: z.number().int(),
    cccThresholds,
    /** Alert when CCC rises more than this many days month on month. */
    cccRiseAlertDays: z.number().min(0).max(365),
    /**
     * Include bank movements not explained by invoice payments (payroll, overhead, VAT, …) as a
     * weekly run rate observed over the last 13 weeks. Switch off once those are entered as recurring costs.
     */
    includeObservedOtherFlows: z.boolean(),
  })
  .strict();
export type WorkingCapitalSettings = z.infer<typeof workingCapitalSettings>;

export const channelTermsView = z.object({
  channelCode: z.string(),
  name: z.string(),
  kind: z.string(),
  currency: z.string(),
  /** From the channel record (its source). */
  sourceSettlementDays: z.number().int(),
  settlementDays: z.number().int(),
  payoutEveryDays: z.number().int(),
  overridden: z.boolean(),
});

export const workingCapitalSettingsResponse = z.object({
  settings: workingCapitalSettings,
  /** Whether the stored settings are the defaults (nothing saved yet). */
  isDefault: z.boolean(),
  channels: z.array(channelTermsView),
  /** Weekly GBP run rate of bank movements not explained by invoice payments (negative: out). */
  observedOtherFlowsPerWeekMinor: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
});
export type WorkingCapitalSettingsResponse = z.infer<typeof workingCapitalSettingsResponse>;

// ─── Summary ─────────────────────────────────────────────────────────────────────────────────

export const workingCapitalSummaryQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Reporting currency (default GBP); converted at the rate of the period end. */
  currency: currencyCode.optional(),
});

export const periodMeasures = z.object({
  from: isoDate,
  to: isoDate,
  days: z.number().int(),
  revenueMinor: minor,
  cogsMinor: minor,
  grossMarginMinor: minor,
  grossMarginPct: z.number().nullable(),
  receivablesMinor: minor.nullable(),
  inventoryMinor: minor.nullable(),
  payablesMinor: minor.nullable(),
  netWorkingCapitalMinor: minor.nullable(),
  dso: days,
  dio: days,
  dpo: days,
  ccc: days,
  workingCapitalTurnover: z.number().nullable(),
  inventoryTurnover: z.number().nullable(),
  unconvertedCurrencies: z.array(z.string()),
});
export type PeriodMeasuresView = z.infer<typeof periodMeasures>;

export const cccStatusValue = z.enum(['on-target', 'above-target', 'warning', 'critical', 'n/a']);
export type CccStatusValue = z.infer<typeof cccStatusValue>;

export const workingCapitalKpiKey = z.enum([
  'dso',
  'dio',
  'dpo',
  'ccc',
  'netWorkingCapital',
  'receivables',
  'inventory',
  'payables',
  'cash',
  'facilityHeadroom',
]);
export type WorkingCapitalKpiKey = z.infer<typeof workingCapitalKpiKey>;

export const workingCapitalKpi = z.object({
  key: workingCapitalKpiKey,
  label: z.string(),
  unit: z.enum(['days', 'money']),
  value: z.number().nullable(),
  /** The same measure one month earlier. */
  previous: z.number().nullable(),
  currency: z.string().length(3).optional(),
  status: cccStatusValue.optional(),
  /** Month-end values over the period, oldest first (for the trend line). */
  trend: z.array(z.number().nullable()),
  formula: z.string(),
  asOf: isoDate.nullable(),
  gap: dataGap.optional(),
});
export type WorkingCapitalKpi = z.infer<typeof workingCapitalKpi>;

export const workingCapitalAlert = z.object({
  kind: z.enum(['ccc-rise', 'ccc-threshold', 'cash-breach']),
  severity: z.enum(['warning', 'critical']),
  date: isoDate,
  message: z.string(),
});
export type WorkingCapitalAlertView = z.infer<typeof workingCapitalAlert>;

export const leverBasis = z.object({
  from: isoDate,
  to: isoDate,
  revenuePerDayMinor: z.number(),
  cogsPerDayMinor: z.number(),
});

export const workingCapitalSummaryResponse = z.object({
  period: z.object({ from: isoDate, to: isoDate }),
  currency: currencyCode,
  /** Set when the reporting currency is not GBP: the GBP rate used, and its date. */
  conversion: z.object({ currency: currencyCode, gbpPerUnit: z.number(), rateDate: isoDate }).nullable(),
  months: z.array(periodMeasures),
  trailing3: periodMeasures.nullable(),
  previousTrailing3: periodMeasures.nullable(),
  trailing12: periodMeasures.nullable(),
  kpis: z.array(workingCapitalKpi),
  breakdown: z.object({
    window: z.object({ from: isoDate, to: isoDate }),
    byChannel: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        regionCode: z.string(),
        revenueMinor: minor,
        receivablesMinor: minor.nullable(),
        dso: days,
      }),
    ),
    byRegion: z.array(
      z.object({
        code: z.string(),
        revenueMinor: minor,
        cogsMinor: minor,
        receivablesMinor: minor.nullable(),
        inventoryMinor: minor.nullable(),
        dso: days,
        dio: days,
      }),
    ),
    byProduct: z.array(
      z.object({
        sku: z.string(),
        name: z.string(),
        cogsMinor: minor,
        inventoryMinor: minor.nullable(),
        dio: days,
      }),
    ),
  }),
  /** Current and quick ratios need a balance sheet (Xero BalanceSheet report). */
  balanceSheet: z.object({
    currentRatio: z.number().nullable(),
    quickRatio: z.number().nullable(),
    gap: dataGap.optional(),
  }),
  thresholds: z.object({ target: z.number(), warning: z.number(), critical: z.number() }),
  cccStatus: cccStatusValue,
  alerts: z.array(workingCapitalAlert),
  leverBasis: leverBasis.nullable(),
  gaps: z.array(dataGap),
  demoData: z.boolean(),
  dataUpdatedAt: z.string().nullable(),
  generatedAt: z.string(),
});
export type WorkingCapitalSummaryResponse = z.infer<typeof workingCapitalSummaryResponse>;

// ─── Ageing ──────────────────────────────────────────────────────────────────────────────────

export const ageingBucketKey = z.enum(['current', '1-30', '31-60', '61-90', '90+']);
const bucketAmounts = z.object({
  current: minor,
  '1-30': minor,
  '31-60': minor,
  '61-90': minor,
  '90+': minor,
});

export const ageingQuery = z.object({
  type: z.enum(['receivable', 'payable']),
  /** Age on this date (default today). */
  asOf: isoDate.optional(),
});

const ageingGroup = z.object({
  key: z.string(),
  buckets: bucketAmounts,
  totalMinor: minor,
  invoiceCount: z.number().int(),
});

export const agedInvoice = z.object({
  id: z.number().int(),
  invoiceNumber: z.string().nullable(),
  contactName: z.string(),
  channelCode: z.string().nullable(),
  issueDate: isoDate,
  dueDate: isoDate,
  currency: z.string(),
  outstandingMinor: minor,
  outstandingGbpMinor: minor.nullable(),
  daysOverdue: z.number().int(),
  bucket: ageingBucketKey,
});
export type AgedInvoiceView = z.infer<typeof agedInvoice>;

export const ageingResponse = z.object({
  type: z.enum(['receivable', 'payable']),
  asOf: isoDate,
  currency: z.literal('GBP'),
  totals: bucketAmounts,
  totalMinor: minor,
  byContact: z.array(ageingGroup),
  byChannel: z.array(ageingGroup),
  byCurrency: z.array(ageingGroup.extend({ gbpMinor: minor.nullable() })),
  invoices: z.array(agedInvoice),
  /** The rates used (GBP per unit) and the date of each. */
  rates: z.array(z.object({ currency: z.string(), gbpPerUnit: z.number(), rateDate: isoDate })),
  unconverted: z.array(z.string()),
  gap: dataGap.optional(),
  demoData: z.boolean(),
  generatedAt: z.string(),
});
export type AgeingResponse = z.infer<typeof ageingResponse>;

// ─── Scenarios ───────────────────────────────────────────────────────────────────────────────

export const cashAdjustments = z
  .object({
    revenuePct: z.number().min(-100).max(500),
    cogsPct: z.number().min(-100).max(500),
    dsoDays: z.number().int().min(-180).max(180),
    dpoDays: z.number().int().min(-180).max(180),
    dioDays: z.number().int().min(-180).max(180),
    fxPct: z.record(currencyCode, z.number().min(-90).max(500)),
  })
  .strict();
export type CashAdjustmentsView = z.infer<typeof cashAdjustments>;

export const scenarioKind = z.enum(['base', 'optimistic', 'pessimistic', 'stress', 'custom']);

export const scenarioView = z.object({
  /** Null for a standard scenario that has not been edited (it lives in code, not the database). */
  id: z.number().int().nullable(),
  name: z.string(),
  kind: scenarioKind,
  adjustments: cashAdjustments,
  standard: z.boolean(),
  createdAt: z.string().nullable(),
});
export type ScenarioView = z.infer<typeof scenarioView>;

export const scenarioListResponse = z.object({ scenarios: z.array(scenarioView) });

export const saveScenarioBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** Omitted: the kind of the standard scenario of that name, else custom. */
    kind: scenarioKind.optional(),
    adjustments: cashAdjustments,
  })
  .strict();
export type SaveScenarioBody = z.infer<typeof saveScenarioBody>;

// ─── Cash forecast ───────────────────────────────────────────────────────────────────────────

export const cashHorizon = z.enum(['30d', '13w', '24m']);
export type CashHorizonValue = z.infer<typeof cashHorizon>;

export const cashForecastQuery = z.object({
  horizon: cashHorizon.default('13w'),
  /** Scenario name (default Base). */
  scenario: z.string().max(60).optional(),
});

export const flowCategory = z.enum([
  'receivables',
  'sales',
  'payables',
  'purchases',
  'production',
  'replenishment',
  'recurring',
  'other',
]);
const categoryAmounts = z.record(flowCategory, minor);

export const cashPeriodView = z.object({
  start: isoDate,
  end: isoDate,
  receipts: categoryAmounts,
  payments: categoryAmounts,
  receiptsMinor: minor,
  paymentsMinor: minor,
  netFlowMinor: minor,
  facilityMovementMinor: minor,
  openingCashMinor: minor,
  closingCashMinor: minor,
  lowestCashMinor: minor,
  lowestCashDate: isoDate,
  facilityDrawnMinor: minor,
  headroomMinor: minor,
  netCashMinor: minor,
  daysBelowMinimum: z.number().int(),
});
export type CashPeriodView = z.infer<typeof cashPeriodView>;

export const cashBreach = z.object({
  date: isoDate,
  closingCashMinor: minor,
  shortfallMinor: minor,
  peakShortfallMinor: minor,
  peakDate: isoDate,
  recoversOn: isoDate.nullable(),
});

/** Everything the projection is computed from, so the page recomputes levers instantly. */
export const cashForecastInputs = z.object({
  asOf: isoDate,
  days: z.number().int(),
  openingCash: z.array(z.object({ currency: z.string(), minor })),
  rates: z.record(z.string(), z.number()),
  flows: z.array(z.object({ category: flowCategory, date: isoDate, currency: z.string(), minor })),
  series: z.array(
    z.object({ category: flowCategory, currency: z.string(), start: isoDate, minor: z.array(minor) }),
  ),
  minimumCashMinor: minor,
  facility: z.object({ limitMinor: minor, drawnMinor: minor }),
  basis: leverBasis,
});
export type CashForecastInputsView = z.infer<typeof cashForecastInputs>;

export const cashForecastResponse = z.object({
  asOf: isoDate,
  horizon: cashHorizon,
  granularity: z.enum(['day', 'week', 'month']),
  currency: z.literal('GBP'),
  scenario: scenarioView,
  openingCashMinor: minor.nullable(),
  accounts: z.array(z.object({ name: z.string(), currency: z.string(), balanceMinor: minor, asOf: isoDate })),
  minimumCashMinor: minor,
  facility: z.object({ limitMinor: minor, drawnMinor: minor }),
  periods: z.array(cashPeriodView),
  firstBreach: cashBreach.nullable(),
  alerts: z.array(workingCapitalAlert),
  inputs: cashForecastInputs,
  rates: z.array(z.object({ currency: z.string(), gbpPerUnit: z.number(), rateDate: isoDate })),
  /** How each line was built, in words (shown beside the chart). */
  assumptions: z.array(z.object({ category: flowCategory.or(z.literal('facility')), text: z.string() })),
  salesForecast: z.object({
    method: z.string(),
    channels: z.array(
      z.object({ code: z.string(), model: z.string().nullable(), historyWeeks: z.number().int() }),
    ),
  }),
  unconverted: z.array(z.string()),
  gaps: z.array(dataGap),
  demoData: z.boolean(),
  generatedAt: z.string(),
});
export type CashForecastResponse = z.infer<typeof cashForecastResponse>;
