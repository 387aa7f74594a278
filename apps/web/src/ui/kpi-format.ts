import type { Kpi } from '@sentia/contracts';
import { formatMoney, formatPercent, formatUnits } from '../format/number';

type KpiMeasure = Pick<Kpi, 'unit' | 'currency'>;

/**
 * A KPI value for display. Tiles round money to whole units (`exact: false`); the "how is this
 * computed" disclosure shows the exact figure. Money without a currency is a contract error, so it
 * says so rather than guess one.
 */
export function formatKpiValue(measure: KpiMeasure, value: number, locale: string, exact = false): string {
  switch (measure.unit) {
    case 'money':
      if (!measure.currency) return `${value} (currency missing)`;
      return formatMoney(value, measure.currency, locale, { wholeUnits: !exact });
    case 'percent':
      return formatPercent(value, locale, exact ? 2 : 1);
    case 'units':
      return formatUnits(value, locale);
  }
}

/**
 * Which way is good for a measure, to colour the change. Only where the direction is unambiguous:
 * more revenue is good, but more stock or payables is a judgement, so those stay neutral.
 */
export type GoodDirection = 'up' | 'down' | 'neutral';
