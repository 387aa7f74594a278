import type { DataGap } from '@sentia/contracts';
import { formatBusinessDate } from '../../format/date';
import { DemoBadge } from '../../ui/demo-badge';
import { SupplyLinks } from '../../ui/kpi-tile';
import { RelativeTime } from '../../ui/relative-time';

/** Badges and freshness shared by the plan's pages: demo data, stock date, when it was computed. */
export function PlanMeta(props: {
  demoData: boolean;
  asOf: string | null;
  computedAt: string | null;
  locale: string;
  updating?: boolean;
}) {
  return (
    <>
      {props.demoData && <DemoBadge />}
      {props.asOf && <span>Stock as of {formatBusinessDate(props.asOf, props.locale)}</span>}
      {props.computedAt && (
        <span>
          Plan computed <RelativeTime iso={props.computedAt} />
        </span>
      )}
      <span aria-live="polite">{props.updating ? 'Updating…' : ''}</span>
    </>
  );
}

/** What data is missing and which connection or import would supply it. */
export function PlanGap({ gap }: { gap: DataGap }) {
  return (
    <section className="panel" aria-labelledby="plan-gap">
      <h2 id="plan-gap">Not enough data to plan</h2>
      <p>{gap.reason}</p>
      <SupplyLinks supplyBy={gap.supplyBy} />
    </section>
  );
}
