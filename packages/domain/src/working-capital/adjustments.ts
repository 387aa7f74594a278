import type { FxShifts } from './fx';

/**
 * What a scenario or the lever sliders change, on top of the forecast built from the data:
 * - revenuePct: forecast sales (and the purchases that replace them) up or down, in %
 * - cogsPct: cost of goods of forecast sales, in %
 * - dsoDays / dpoDays / dioDays: change in days (DSO −10 = customers pay 10 days sooner;
 *   DPO +10 = suppliers are paid 10 days later; DIO −10 = 10 days' less stock is bought)
 * - fxPct: change in the GBP value of a currency, in % (`{ USD: -10 }`: the dollar worth 10% less)
 */
export interface CashAdjustments {
  revenuePct: number;
  cogsPct: number;
  dsoDays: number;
  dpoDays: number;
  dioDays: number;
  fxPct: FxShifts;
}

export const NO_ADJUSTMENTS: CashAdjustments = Object.freeze({
  revenuePct: 0,
  cogsPct: 0,
  dsoDays: 0,
  dpoDays: 0,
  dioDays: 0,
  fxPct: Object.freeze({}),
});

export type ScenarioKind = 'base' | 'optimistic' | 'pessimistic' | 'stress' | 'custom';

export interface ScenarioDefinition {
  name: string;
  kind: ScenarioKind;
  adjustments: CashAdjustments;
}

/**
 * The four standard scenarios. These are planning assumptions, not data: each is editable (saving
 * a scenario with the same name replaces it) and the page shows exactly what each one changes.
 */
export const STANDARD_SCENARIOS: readonly ScenarioDefinition[] = [
  { name: 'Base', kind: 'base', adjustments: NO_ADJUSTMENTS },
  {
    name: 'Optimistic',
    kind: 'optimistic',
    adjustments: { revenuePct: 10, cogsPct: 0, dsoDays: -5, dpoDays: 5, dioDays: -5, fxPct: {} },
  },
  {
    name: 'Pessimistic',
    kind: 'pessimistic',
    adjustments: { revenuePct: -10, cogsPct: 5, dsoDays: 10, dpoDays: -5, dioDays: 10, fxPct: {} },
  },
  {
    name: 'Stress',
    kind: 'stress',
    adjustments: {
      revenuePct: -25,
      cogsPct: 10,
      dsoDays: 20,
      dpoDays: -10,
      dioDays: 15,
      fxPct: { EUR: -10, USD: -10 },
    },
  },
];

/** Lever sliders: "reduce DSO by N days", "extend DPO by N days", "cut DIO by N days" (N ≥ 0). */
export interface Levers {
  dsoReductionDays: number;
  dpoExtensionDays: number;
  dioReductionDays: number;
}

export const NO_LEVERS: Levers = Object.freeze({
  dsoReductionDays: 0,
  dpoExtensionDays: 0,
  dioReductionDays: 0,
});

/** A scenario with the levers pulled on top of it. */
export function withLevers(adjustments: CashAdjustments, levers: Levers): CashAdjustments {
  return {
    ...adjustments,
    dsoDays: adjustments.dsoDays - levers.dsoReductionDays,
    dpoDays: adjustments.dpoDays + levers.dpoExtensionDays,
    dioDays: adjustments.dioDays - levers.dioReductionDays,
  };
}

/** What the levers are measured on: average GBP revenue and COGS per day over a stated window. */
export interface LeverBasis {
  from: string;
  to: string;
  revenuePerDayMinor: number;
  cogsPerDayMinor: number;
}

export interface LeverEffect {
  /** Cash released by each lever and in total (GBP minor units; negative = cash absorbed). */
  dsoMinor: number;
  dpoMinor: number;
  dioMinor: number;
  totalMinor: number;
}

/**
 * Cash released as the change in the balance each lever moves: receivables fall by revenue per
 * day × N when DSO drops N days; payables rise by COGS per day × N when DPO extends N days;
 * inventory falls by COGS per day × N when DIO is cut N days.
 */
export function leverCashReleased(basis: LeverBasis, levers: Levers): LeverEffect {
  const dsoMinor = Math.round(basis.revenuePerDayMinor * levers.dsoReductionDays);
  const dpoMinor = Math.round(basis.cogsPerDayMinor * levers.dpoExtensionDays);
  const dioMinor = Math.round(basis.cogsPerDayMinor * levers.dioReductionDays);
  return { dsoMinor, dpoMinor, dioMinor, totalMinor: dsoMinor + dpoMinor + dioMinor };
}
