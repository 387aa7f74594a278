import type {
  DataGap,
  PeriodMeasuresView,
  WorkingCapitalKpi,
  WorkingCapitalSettings,
} from '@sentia/contracts';
import { type CccThresholds, cccStatus, type PeriodMeasures } from '@sentia/domain';

export interface KpiInputs {
  trailing3: PeriodMeasures | null;
  previousTrailing3: PeriodMeasures | null;
  months: readonly PeriodMeasures[];
  cashMinor: number | null;
  cashAsOf: string | null;
  settings: WorkingCapitalSettings;
  gaps: { sales?: DataGap; stock?: DataGap; receivables?: DataGap; payables?: DataGap; bank?: DataGap };
}

const WINDOW = 'over the last three months to the period end (flows over the window, balances at its end)';

/**
 * The cockpit's tiles: the days measures on the trailing three months (steadier than one month),
 * compared with the same window one month earlier, with month-end values for the trend; balances at
 * the period end; cash and facility headroom. Missing data gives a gap, never a zero.
 */
export function workingCapitalKpis(input: KpiInputs): WorkingCapitalKpi[] {
  const { trailing3: now, previousTrailing3: before, months, settings, gaps } = input;
  const asOf = now?.to ?? null;
  const trend = (pick: (m: PeriodMeasures) => number | null) => months.map(pick);
  const thresholds: CccThresholds = settings.cccThresholds;
  const days = (
    key: 'dso' | 'dio' | 'dpo' | 'ccc',
    label: string,
    formula: string,
    gap: DataGap | undefined,
  ): WorkingCapitalKpi =>
    withGap(
      {
        key,
        label,
        unit: 'days',
        value: now?.[key] ?? null,
        previous: before?.[key] ?? null,
        ...(key === 'ccc' ? { status: cccStatus(now?.ccc ?? null, thresholds) } : {}),
        trend: trend((m) => m[key]),
        formula,
        asOf,
      },
      gap,
    );
  const money = (
    key: 'netWorkingCapital' | 'receivables' | 'inventory' | 'payables',
    field: 'netWorkingCapitalMinor' | 'receivablesMinor' | 'inventoryMinor' | 'payablesMinor',
    label: string,
    formula: string,
    gap: DataGap | undefined,
  ): WorkingCapitalKpi =>
    withGap(
      {
        key,
        label,
        unit: 'money',
        currency: 'GBP',
        value: now?.[field] ?? null,
        previous: before?.[field] ?? null,
        trend: trend((m) => m[field]),
        formula,
        asOf,
      },
      gap,
    );
  const facility = settings.creditFacility;
  return [
    days(
      'ccc',
      'Cash conversion cycle',
      `CCC = DSO + DIO − DPO, ${WINDOW}. Target ${thresholds.target}, warning ${thresholds.warning}, critical ${thresholds.critical} days (settings).`,
      gaps.sales ?? gaps.stock ?? gaps.receivables ?? gaps.payables,
    ),
    days('dso', 'DSO', `Receivables ÷ revenue × days, ${WINDOW}.`, gaps.sales ?? gaps.receivables),
    days('dio', 'DIO', `Inventory at cost ÷ COGS × days, ${WINDOW}.`, gaps.sales ?? gaps.stock),
    days('dpo', 'DPO', `Payables ÷ COGS × days, ${WINDOW}.`, gaps.sales ?? gaps.payables),
    money(
      'netWorkingCapital',
      'netWorkingCapitalMinor',
      'Net working capital',
      'Receivables + inventory at cost − payables at the period end, in GBP at that day’s rates.',
      gaps.receivables ?? gaps.stock ?? gaps.payables,
    ),
    money(
      'receivables',
      'receivablesMinor',
      'Receivables',
      'Customer invoices issued by the period end less payments received by then, in GBP.',
      gaps.receivables,
    ),
    money(
      'inventory',
      'inventoryMinor',
      'Inventory at cost',
      'Latest stock count on or before the period end per SKU and location × unit cost, in GBP.',
      gaps.stock,
    ),
    money(
      'payables',
      'payablesMinor',
      'Payables',
      'Supplier bills issued by the period end less payments made by then, in GBP.',
      gaps.payables,
    ),
    withGap(
      {
        key: 'cash',
        label: 'Cash',
        unit: 'money',
        currency: 'GBP',
        value: input.cashMinor,
        previous: null,
        trend: [],
        formula:
          'Latest balance of every bank account on or before the period end, in GBP at that day’s rates.',
        asOf: input.cashAsOf,
      },
      gaps.bank,
    ),
    {
      key: 'facilityHeadroom',
      label: 'Facility headroom',
      unit: 'money',
      currency: 'GBP',
      value: facility.limitMinor - facility.drawnMinor,
      previous: null,
      trend: [],
      formula:
        facility.limitMinor === 0
          ? 'No credit facility is entered in the settings (limit 0).'
          : 'Credit facility limit − amount drawn, as entered in the settings.',
      asOf: null,
    },
  ];
}

function withGap(kpi: WorkingCapitalKpi, gap: DataGap | undefined): WorkingCapitalKpi {
  return gap ? { ...kpi, value: null, previous: null, trend: kpi.trend.map(() => null), gap } : kpi;
}

export function measuresView(m: PeriodMeasures): PeriodMeasuresView {
  return { ...m, unconvertedCurrencies: [...m.unconvertedCurrencies] };
}
