import type { DataGap, Kpi } from '@sentia/contracts';
import { useId } from 'react';
import { Link } from 'react-router';
import { isLivePath } from '../app/route-table';
import { describeChange } from '../format/change';
import { formatBusinessDate, formatInstant, formatUtc } from '../format/date';
import { userLocale } from '../format/locale';
import { formatNumber } from '../format/number';
import { formatKpiValue, type GoodDirection } from './kpi-format';
import './kpi-tile.css';
import { Skeleton } from './skeleton';

export interface KpiTileProps {
  kpi: Kpi;
  /** The page one level down; omitted (no link at all) until that page exists. */
  href?: string;
  /** The periods compared, already formatted, for the disclosure. */
  periodLabel?: string;
  previousPeriodLabel?: string;
  /** When the data behind the figure last changed (ISO instant), shown with the formula. */
  dataUpdatedAt?: string | null;
  goodDirection?: GoodDirection;
}

/**
 * One headline figure: value in its unit, change on the previous period, how it is computed, or
 * the data gap when there is no value. A `<section aria-labelledby>` so it is found by its label;
 * the value carries `data-kpi` for tests and tooling.
 */
export function KpiTile({
  kpi,
  href,
  periodLabel,
  previousPeriodLabel,
  dataUpdatedAt,
  goodDirection = 'neutral',
}: KpiTileProps) {
  const locale = userLocale();
  const id = useId();
  const labelId = `${id}-label`;
  const hasValue = kpi.value !== null;
  const change = describeChange(kpi.value, kpi.previous, kpi.unit, locale);
  const tone =
    goodDirection === 'neutral' || change.direction === 'none' || change.direction === 'flat'
      ? 'neutral'
      : change.direction === goodDirection
        ? 'good'
        : 'bad';
  const link = href && isLivePath(href) ? href : undefined;

  return (
    // A tile without a link is still a tab stop, so keyboard users can reach and read every figure.
    <section className="kpi" aria-labelledby={labelId} tabIndex={link ? undefined : 0}>
      <h3 className="kpi__label" id={labelId}>
        {link ? <Link to={link}>{kpi.label}</Link> : kpi.label}
      </h3>
      {hasValue ? (
        <>
          <p className="kpi__value tabular" data-kpi={kpi.key} data-kpi-state="value">
            {kpi.unit === 'units' ? (
              // The count is the figure; the unit label is kept smaller so tiles stay one line.
              <>
                {formatNumber(kpi.value!, locale)}
                <span className="kpi__suffix"> units</span>
              </>
            ) : (
              formatKpiValue(kpi, kpi.value!, locale)
            )}
          </p>
          <p className={`kpi__change kpi__change--${tone}`}>
            {(change.direction === 'up' || change.direction === 'down') && (
              <span aria-hidden="true" className="kpi__arrow">
                {change.direction === 'up' ? '▲' : '▼'}
              </span>
            )}
            <span aria-hidden="true">
              {change.text}
              {(change.direction === 'up' || change.direction === 'down') && (
                <span className="kpi__vs"> vs prev. period</span>
              )}
            </span>
            <span className="visually-hidden">{change.accessibleText}</span>
          </p>
        </>
      ) : (
        <KpiGap kpiKey={kpi.key} gap={kpi.gap} />
      )}
      <details
        className="kpi__how"
        onKeyDown={(event) => {
          // The explanation overlays other tiles, so Escape closes it like any popover.
          if (event.key === 'Escape' && event.currentTarget.open) {
            event.currentTarget.open = false;
            event.currentTarget.querySelector('summary')?.focus();
          }
        }}
      >
        <summary>How is this computed?</summary>
        <dl>
          <dt>Formula</dt>
          <dd>{kpi.formula}</dd>
          {periodLabel && (
            <>
              <dt>Period</dt>
              <dd>{periodLabel}</dd>
            </>
          )}
          {previousPeriodLabel && (
            <>
              <dt>Compared with</dt>
              <dd>
                {previousPeriodLabel}
                {kpi.previous !== null && `: ${formatKpiValue(kpi, kpi.previous, locale, true)}`}
              </dd>
            </>
          )}
          {hasValue && (
            <>
              <dt>Exact value</dt>
              <dd className="tabular">{formatKpiValue(kpi, kpi.value!, locale, true)}</dd>
            </>
          )}
          {/* asOf belongs to point-in-time measures (stock, open invoices); flows cover the period. */}
          {kpi.asOf && (
            <>
              <dt>As of</dt>
              <dd>{formatBusinessDate(kpi.asOf, locale)}</dd>
            </>
          )}
          {dataUpdatedAt && (
            <>
              <dt>Data last updated</dt>
              <dd>
                {formatInstant(new Date(dataUpdatedAt), locale)} ({formatUtc(new Date(dataUpdatedAt))})
              </dd>
            </>
          )}
        </dl>
      </details>
    </section>
  );
}

/** No value: say so, say why, and link to what would supply it (never a zero, never a guess). */
function KpiGap({ kpiKey, gap }: { kpiKey: string; gap: DataGap | undefined }) {
  return (
    <div className="kpi__gap">
      <p className="kpi__value kpi__value--gap" data-kpi={kpiKey} data-kpi-state="gap">
        No data
      </p>
      <p className="kpi__gap-reason">{gap?.reason ?? 'Not available for this period and these filters.'}</p>
      {gap && gap.supplyBy.length > 0 && (
        <>
          <p className="kpi__supply-label">Supplied by</p>
          <SupplyLinks supplyBy={gap.supplyBy} />
        </>
      )}
    </div>
  );
}

/** Where the data would come from. Pages not built yet are named without a link (no dead links). */
export function SupplyLinks({ supplyBy }: { supplyBy: DataGap['supplyBy'] }) {
  return (
    <ul className="kpi__supply">
      {supplyBy.map((source) => (
        <li key={`${source.label}-${source.href}`}>
          {!isLivePath(source.href) ? (
            <span>{source.label}</span>
          ) : source.href.startsWith('/') ? (
            <Link to={source.href}>{source.label}</Link>
          ) : (
            <a href={source.href} rel="noreferrer" target="_blank">
              {source.label}
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

export function KpiTileSkeleton() {
  return (
    <div className="kpi kpi--loading" aria-hidden="true">
      <Skeleton shape="text" width="45%" />
      <Skeleton height="2rem" width="70%" />
      <Skeleton shape="text" width="55%" />
    </div>
  );
}
