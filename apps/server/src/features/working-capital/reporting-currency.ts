import type { WorkingCapitalSummaryResponse } from '@sentia/contracts';
import { convertMinor } from '@sentia/domain';

/**
 * The summary in another reporting currency: every GBP amount (fields ending in `Minor`, and money
 * KPIs) converted at one stated rate — the rate on the period end — so ratios and days are unchanged.
 */
export function convertMoneyFields(
  response: WorkingCapitalSummaryResponse,
  currency: string,
  gbpPerUnit: number,
  rateDate: string,
): WorkingCapitalSummaryResponse {
  const toTarget = (minor: number) => convertMinor(minor, 'GBP', currency, 1 / gbpPerUnit);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, v]) => [
          key,
          key.endsWith('Minor') && typeof v === 'number' ? toTarget(v) : walk(v),
        ]),
      );
    }
    return value;
  };
  const converted = walk(response) as WorkingCapitalSummaryResponse;
  // Per-day basis amounts are fractional averages: convert without rounding.
  const basis = response.leverBasis;
  return {
    ...converted,
    currency,
    conversion: { currency, gbpPerUnit, rateDate },
    leverBasis: basis && {
      ...basis,
      revenuePerDayMinor: basis.revenuePerDayMinor / gbpPerUnit,
      cogsPerDayMinor: basis.cogsPerDayMinor / gbpPerUnit,
    },
    kpis: response.kpis.map((kpi) =>
      kpi.unit === 'money'
        ? {
            ...kpi,
            currency,
            value: kpi.value === null ? null : toTarget(kpi.value),
            previous: kpi.previous === null ? null : toTarget(kpi.previous),
            trend: kpi.trend.map((v) => (v === null ? null : toTarget(v))),
          }
        : kpi,
    ),
  };
}
