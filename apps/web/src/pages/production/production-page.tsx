import type { ScheduleBatch, ScheduleResponse } from '@sentia/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { addDays, formatBusinessDate } from '../../format/date';
import { userLocale } from '../../format/locale';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { SelectField } from '../../ui/form-field';
import { PageHeader } from '../../ui/page-header';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { FigureTile } from '../inventory/figure-tile';
import { formatShare, formatShortDate, formatUnits } from '../inventory/plan-format';
import { PlanGap, PlanMeta } from '../inventory/plan-meta';
import { scheduleQuery } from '../inventory/plan-queries';
import '../inventory/plan-pages.css';

const SHORTFALL_TEXT = {
  late: 'late',
  unscheduled: 'does not fit in the horizon',
  'no-line': 'has no production line on record',
} as const;

/**
 * Production: the master production schedule — existing and proposed batches on a timeline per line,
 * capacity use per line and week, and the shortfalls capacity causes.
 */
export default function ProductionPage() {
  const crumbs = usePageCrumbs();
  const locale = userLocale();
  const [weeks, setWeeks] = useState(13);
  const schedule = useQuery(scheduleQuery(weeks));
  const data = schedule.data;
  const u = (v: number) => formatUnits(v, locale);
  const planned = data?.batches.items.filter((b) => b.kind === 'planned') ?? [];
  const peak = Math.max(0, ...(data?.lines.flatMap((l) => l.weeks.map((w) => w.utilisation ?? 0)) ?? [0]));

  const columns: Column<ScheduleBatch>[] = [
    { key: 'line', header: 'Line', cell: (b) => b.lineCode, sortValue: (b) => b.lineCode },
    {
      key: 'sku',
      header: 'SKU',
      cell: (b) => <span title={b.productName}>{b.sku}</span>,
      sortValue: (b) => b.sku,
    },
    {
      key: 'qty',
      header: 'Quantity',
      align: 'end',
      cell: (b) => u(b.quantity),
      sortValue: (b) => b.quantity,
    },
    {
      key: 'start',
      header: 'Start',
      cell: (b) => formatBusinessDate(b.start, locale),
      sortValue: (b) => b.start,
    },
    {
      key: 'run',
      header: 'Runs (available the day after)',
      cell: (b) => `${formatShortDate(b.runStart, locale)} – ${formatShortDate(b.runEnd, locale)}`,
      sortValue: (b) => b.runStart,
    },
    {
      key: 'due',
      header: 'Needed by',
      cell: (b) => (b.dueDate ? formatBusinessDate(b.dueDate, locale) : '—'),
      sortValue: (b) => b.dueDate ?? '',
    },
    {
      key: 'status',
      header: 'Status',
      cell: (b) =>
        b.kind === 'existing' ? (
          `${b.status.replace('_', ' ')} (${b.reference})`
        ) : b.lateDays > 0 ? (
          <span className="plan-risk">Proposed, {b.lateDays} days late</span>
        ) : (
          'Proposed'
        ),
      sortValue: (b) => `${b.kind}${b.status}`,
    },
  ];

  return (
    <div className="plan-page">
      <PageHeader
        title="Production"
        crumbs={crumbs}
        subtitle="Master production schedule: forecast demand plus safety stock, netted against stock and batches already planned, within each line’s capacity"
        meta={
          data && (
            <PlanMeta
              demoData={data.demoData}
              asOf={data.asOf}
              computedAt={data.computedAt}
              locale={locale}
              updating={schedule.isFetching && schedule.isPlaceholderData}
            />
          )
        }
        actions={
          <SelectField
            label="Horizon"
            className="plan-horizon"
            value={String(weeks)}
            onChange={(event) => setWeeks(Number(event.target.value))}
          >
            <option value="8">8 weeks</option>
            <option value="13">13 weeks</option>
            <option value="26">26 weeks</option>
          </SelectField>
        }
      />
      {schedule.isError && (
        <ErrorPanel
          heading="The schedule could not be loaded"
          error={schedule.error}
          onRetry={() => void schedule.refetch()}
        />
      )}
      {!data ? (
        !schedule.isError && (
          <LoadingRegion label="Loading the production schedule">
            <Skeleton height={240} />
          </LoadingRegion>
        )
      ) : data.asOf === null || data.lines.length === 0 ? (
        <PlanGap
          gap={{
            reason:
              data.asOf === null
                ? 'No stock levels have been recorded yet.'
                : 'No production lines have been recorded yet.',
            supplyBy: [
              { label: 'Connect Unleashed', href: '/data/connections/unleashed' },
              {
                label: 'Import production batches (CSV/XLSX)',
                href: '/data/imports?kind=production-batches',
              },
            ],
          }}
        />
      ) : (
        <>
          <div className="kpi-grid">
            <FigureTile
              figure="planned-batches"
              label="Batches to start"
              value={String(planned.length)}
              note={`${u(planned.reduce((s, b) => s + b.quantity, 0))} units in ${weeks} weeks`}
              formula="New batches the schedule proposes: due when the projected stock would fall below safety stock, at least the lot size (EOQ), the MOQ and whole packs."
            />
            <FigureTile
              figure="shortfalls"
              label="Shortfalls"
              value={String(data.shortfalls.length)}
              note="late or not scheduled"
              formula="Batches that cannot finish by their due date within the line’s free capacity, or do not fit in the horizon at all."
            />
            <FigureTile
              figure="peak-utilisation"
              label="Busiest line-week"
              value={formatShare(peak, locale, 0)}
              note="of capacity"
              formula="(Units of existing + proposed batches run in the week) ÷ (capacity per day × 7)."
            />
          </div>
          <section className="panel" aria-labelledby="timeline">
            <h2 id="timeline">Timeline</h2>
            <Timeline data={data} weeks={weeks} locale={locale} />
          </section>
          <section className="panel" aria-labelledby="capacity">
            <h2 id="capacity">Capacity use per line and week</h2>
            <CapacityTable data={data} locale={locale} />
          </section>
          <section className="panel" aria-labelledby="shortfalls">
            <h2 id="shortfalls">Shortfalls</h2>
            {data.shortfalls.length === 0 ? (
              <p>Every batch fits its line before it is needed.</p>
            ) : (
              <ul>
                {data.shortfalls.map((s) => (
                  <li key={`${s.kind}-${s.sku}-${s.dueDate}`}>
                    {u(s.quantity)} × {s.sku} due {formatBusinessDate(s.dueDate, locale)}{' '}
                    {SHORTFALL_TEXT[s.kind]}
                    {s.lateDays ? ` by ${s.lateDays} days` : ''}
                    {s.lineCode ? ` on ${s.lineCode}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="batches">
            <h2 id="batches">Batches</h2>
            <DataTable
              caption="Existing and proposed batches"
              hideCaption
              columns={columns}
              rows={data.batches.items}
              rowKey={(b) => `${b.kind}-${b.reference ?? ''}-${b.sku}-${b.runStart}`}
              empty="No batches in the horizon."
            />
          </section>
        </>
      )}
    </div>
  );
}

function CapacityTable({ data, locale }: { data: ScheduleResponse; locale: string }) {
  const weeks = data.lines[0]?.weeks ?? [];
  return (
    // A region that scrolls sideways must be reachable by keyboard (it holds no other focusable element).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs to be focusable to scroll
    <section className="data-table" aria-label="Capacity use per line and week" tabIndex={0}>
      <table>
        <caption className="visually-hidden">Share of each line’s capacity used per week</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            {weeks.map((w) => (
              <th key={w.weekStart} scope="col" className="num">
                {formatShortDate(w.weekStart, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.lines.map((line) => (
            <tr key={line.code}>
              <th scope="row" className="plan-line-name">
                {line.name}
                <span className="plan-sub">
                  {formatUnits(line.capacityPerDay, locale)} a day · {line.leadTimeDays} days’ lead
                </span>
              </th>
              {line.weeks.map((w) => (
                <td
                  key={w.weekStart}
                  className="num tabular"
                  title={`${formatUnits(w.committed, locale)} existing + ${formatUnits(w.planned, locale)} proposed of ${formatUnits(w.capacity, locale)}`}
                >
                  {formatShare(w.utilisation ?? 0, locale, 0)}
                  <span className="plan-bar" aria-hidden="true">
                    <span
                      className="plan-bar__committed"
                      style={{ width: `${Math.min(100, (w.committed / w.capacity) * 100)}%` }}
                    />
                    <span
                      className="plan-bar__planned"
                      style={{
                        left: `${Math.min(100, (w.committed / w.capacity) * 100)}%`,
                        width: `${Math.min(100, (w.planned / w.capacity) * 100)}%`,
                      }}
                    />
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Batches as bars on each line's track, from the day after the as-of date over the horizon. */
function Timeline({ data, weeks, locale }: { data: ScheduleResponse; weeks: number; locale: string }) {
  const first = addDays(data.asOf!, 1);
  const days = weeks * 7;
  const offset = (date: string) =>
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000;
  return (
    <div className="plan-gantt" style={{ '--weeks': weeks } as React.CSSProperties}>
      <div className="plan-legend" aria-hidden="true">
        <span style={{ '--swatch': 'var(--border-strong)' } as React.CSSProperties}>
          Already planned or running
        </span>
        <span style={{ '--swatch': 'var(--accent)' } as React.CSSProperties}>Proposed</span>
        <span style={{ '--swatch': 'var(--bad)' } as React.CSSProperties}>Proposed, late</span>
      </div>
      <div className="plan-gantt__scale" aria-hidden="true">
        <span />
        <div className="plan-gantt__weeks">
          {Array.from({ length: weeks }, (_, w) => addDays(first, w * 7)).map((weekStart, w) => (
            <span key={weekStart}>{w % 2 === 0 ? formatShortDate(weekStart, locale) : ''}</span>
          ))}
        </div>
      </div>
      {data.lines.map((line) => {
        const batches = data.batches.items.filter(
          (b) => b.lineCode === line.code && offset(b.runEnd) >= 0 && offset(b.start) < days,
        );
        const lanes = laneOf(batches);
        const laneCount = Math.max(1, ...[...lanes.values()].map((l) => l + 1));
        return (
          <div key={line.code} className="plan-gantt__row">
            <span>{line.code}</span>
            <ul
              className="plan-gantt__track"
              aria-label={`Batches on ${line.name}`}
              style={{ '--lanes': laneCount } as React.CSSProperties}
            >
              {batches.map((b) => {
                const left = Math.max(0, offset(b.start));
                const right = Math.min(days, offset(b.runEnd) + 1);
                const label = `${formatUnits(b.quantity, locale)} × ${b.sku}, ${b.kind === 'existing' ? 'already planned' : 'proposed'}, ${formatBusinessDate(b.start, locale)} to ${formatBusinessDate(b.runEnd, locale)}${b.lateDays > 0 ? `, ${b.lateDays} days late` : ''}`;
                return (
                  <li
                    key={`${b.kind}-${b.reference ?? ''}-${b.sku}-${b.runStart}`}
                    className={`plan-gantt__batch plan-gantt__batch--${b.kind === 'existing' ? 'existing' : b.lateDays > 0 ? 'late' : 'planned'}`}
                    style={
                      {
                        left: `${(left / days) * 100}%`,
                        width: `${(Math.max(0.5, right - left) / days) * 100}%`,
                        '--lane': lanes.get(b) ?? 0,
                      } as React.CSSProperties
                    }
                    title={label}
                  >
                    <span className="visually-hidden">{label}</span>
                    <span aria-hidden="true">{b.sku}</span>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

/** Stacks overlapping batches of one line in lanes, each in the first lane free by its start. */
function laneOf(batches: readonly ScheduleBatch[]): Map<ScheduleBatch, number> {
  const ends: string[] = [];
  const lanes = new Map<ScheduleBatch, number>();
  for (const batch of [...batches].sort((a, b) => a.start.localeCompare(b.start))) {
    let lane = ends.findIndex((end) => end < batch.start);
    if (lane < 0) lane = ends.length;
    ends[lane] = batch.runEnd;
    lanes.set(batch, lane);
  }
  return lanes;
}
