import type { CccStatusValue, WorkingCapitalKpi } from '@sentia/contracts';
import { useId } from 'react';
import { formatBusinessDate } from '../../format/date';
import { formatMoney } from '../../format/number';
import { SupplyLinks } from '../../ui/kpi-tile';
import { formatDays } from './wc-model';

const STATUS_TEXT: Record<CccStatusValue, string> = {
  'on-target': 'On target',
  'above-target': 'Above target',
  warning: 'Warning',
  critical: 'Critical',
  'n/a': 'n/a',
};

/** For days, lower is better except DPO (paying later keeps cash); balances are judgement calls. */
const GOOD_DIRECTION: Partial<Record<WorkingCapitalKpi['key'], 'up' | 'down'>> = {
  ccc: 'down',
  dso: 'down',
  dio: 'down',
  dpo: 'up',
  cash: 'up',
};

function display(kpi: WorkingCapitalKpi, value: number, locale: string, exact = false): string {
  return kpi.unit === 'days'
    ? formatDays(value, locale)
    : formatMoney(value, kpi.currency ?? 'GBP', locale, { wholeUnits: !exact });
}

/**
 * A working-capital figure: value, change on one month earlier coloured by which way is good,
 * CCC status against the thresholds, a month-end trend line, how it is computed, and a link to the
 * section that breaks it down. No value: the gap and what would supply it.
 */
export function WcKpiTile({ kpi, href, locale }: { kpi: WorkingCapitalKpi; href?: string; locale: string }) {
  const labelId = `${useId()}-label`;
  const change = kpi.value !== null && kpi.previous !== null ? kpi.value - kpi.previous : null;
  const good = GOOD_DIRECTION[kpi.key];
  const tone =
    change === null || change === 0 || !good ? 'neutral' : change > 0 === (good === 'up') ? 'good' : 'bad';
  const changeText =
    change === null
      ? kpi.key === 'cash' || kpi.key === 'facilityHeadroom'
        ? ''
        : 'No figure a month earlier'
      : `${change > 0 ? '+' : change < 0 ? '−' : '±'}${display(kpi, Math.abs(change), locale)} vs a month earlier`;
  return (
    <section className="kpi wc-kpi" aria-labelledby={labelId} tabIndex={href ? undefined : 0}>
      <h3 className="kpi__label" id={labelId}>
        {href ? <a href={href}>{kpi.label}</a> : kpi.label}
      </h3>
      {kpi.value !== null ? (
        <>
          <p className="kpi__value tabular" data-kpi={kpi.key} data-kpi-state="value" data-value={kpi.value}>
            {display(kpi, kpi.value, locale)}
          </p>
          {kpi.status && kpi.status !== 'n/a' && (
            <p className={`wc-status wc-status--${kpi.status}`} data-status={kpi.status}>
              <StatusMark status={kpi.status} />
              {STATUS_TEXT[kpi.status]}
            </p>
          )}
          {changeText && <p className={`kpi__change kpi__change--${tone}`}>{changeText}</p>}
          <Sparkline values={kpi.trend} label={`${kpi.label}, month-end values`} />
        </>
      ) : (
        <div className="kpi__gap">
          <p className="kpi__value kpi__value--gap" data-kpi={kpi.key} data-kpi-state="gap">
            {kpi.gap ? 'No data' : 'n/a'}
          </p>
          <p className="kpi__gap-reason">
            {kpi.gap?.reason ?? 'Not computable for this period (no revenue or COGS: no division by zero).'}
          </p>
          {kpi.gap && <SupplyLinks supplyBy={kpi.gap.supplyBy} />}
        </div>
      )}
      <details className="kpi__how">
        <summary>How is this computed?</summary>
        <dl>
          <dt>Formula</dt>
          <dd>{kpi.formula}</dd>
          {kpi.value !== null && (
            <>
              <dt>Exact value</dt>
              <dd className="tabular">
                {kpi.unit === 'days' ? kpi.value.toFixed(3) : display(kpi, kpi.value, locale, true)}
              </dd>
            </>
          )}
          <dt>As of</dt>
          <dd>{kpi.asOf ? formatBusinessDate(kpi.asOf, locale) : 'Settings'}</dd>
        </dl>
      </details>
    </section>
  );
}

function StatusMark({ status }: { status: CccStatusValue }) {
  const path =
    status === 'on-target' ? 'M3 8l3 3 7-7' : status === 'above-target' ? 'M8 3v6M8 12v1' : 'M8 2l6 12H2z';
  return (
    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** A small line of month-end values (gaps where n/a); decorative, the figures are in the chart and CSV. */
function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const width = 120;
  const height = 28;
  const x = (i: number) => (values.length === 1 ? 0 : (i / (values.length - 1)) * width);
  const y = (v: number) => (max === min ? height / 2 : height - 2 - ((v - min) / (max - min)) * (height - 4));
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    d += `${d === '' || values[i - 1] === null ? 'M' : 'L'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
  });
  return (
    <svg
      className="wc-spark"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <title>{label}</title>
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
