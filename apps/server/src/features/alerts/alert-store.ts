import type { AlertView } from '@sentia/contracts';
import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

interface AlertRow {
  id: string;
  name: string;
  instance: string;
  severity: 'critical' | 'warning';
  summary: string;
  description: string;
  value: number;
  threshold: number;
  active_since: string;
  fired_at: string;
  resolved_at: string | null;
}

export interface NewAlert {
  name: string;
  instance: string;
  severity: 'critical' | 'warning';
  summary: string;
  description: string;
  value: number;
  threshold: number;
  activeSince: Date;
}

const COLUMNS = sql`id, name, instance, severity, summary, description, value, threshold,
  active_since::text, fired_at::text, resolved_at::text`;

/** Alerts in `alert_events`; every transition is a single statement, safe with several replicas. */
export class AlertStore {
  constructor(private readonly db: Database) {}

  /** Opens the alert unless it is already open; the view when this call opened it, else null. */
  async open(alert: NewAlert): Promise<AlertView | null> {
    const [row] = await queryRows<AlertRow>(
      this.db,
      sql`insert into alert_events (name, instance, severity, summary, description, value, threshold, active_since)
          values (${alert.name}, ${alert.instance}, ${alert.severity}, ${alert.summary}, ${alert.description},
                  ${alert.value}, ${alert.threshold}, ${alert.activeSince.toISOString()})
          on conflict (name, instance) where resolved_at is null do nothing
          returning ${COLUMNS}`,
    );
    return row ? toView(row) : null;
  }

  /** The condition still holds: keep the open alert fresh with its latest value. */
  async touch(name: string, instance: string, value: number, description: string): Promise<void> {
    await this.db.execute(
      sql`update alert_events set last_seen_at = now(), value = ${value}, description = ${description}
          where name = ${name} and instance = ${instance} and resolved_at is null`,
    );
  }

  /** Resolves the open alert; the view when this call resolved it, else null. */
  async resolve(name: string, instance: string): Promise<AlertView | null> {
    const [row] = await queryRows<AlertRow>(
      this.db,
      sql`update alert_events set resolved_at = now()
          where name = ${name} and instance = ${instance} and resolved_at is null
          returning ${COLUMNS}`,
    );
    return row ? toView(row) : null;
  }

  /** Open alerts nobody has confirmed for a while (their process stopped): resolved. */
  async resolveStale(olderThanSeconds: number): Promise<AlertView[]> {
    const rows = await queryRows<AlertRow>(
      this.db,
      sql`update alert_events set resolved_at = now()
          where resolved_at is null and last_seen_at < now() - make_interval(secs => ${olderThanSeconds})
          returning ${COLUMNS}`,
    );
    return rows.map(toView);
  }

  async list(): Promise<{ firing: AlertView[]; recent: AlertView[] }> {
    const [firing, recent] = await Promise.all([
      queryRows<AlertRow>(
        this.db,
        sql`select ${COLUMNS} from alert_events where resolved_at is null order by fired_at desc`,
      ),
      queryRows<AlertRow>(
        this.db,
        sql`select ${COLUMNS} from alert_events
            where resolved_at is not null and resolved_at > now() - interval '7 days'
            order by resolved_at desc limit 50`,
      ),
    ]);
    return { firing: firing.map(toView), recent: recent.map(toView) };
  }
}

function toView(row: AlertRow): AlertView {
  return {
    id: row.id,
    name: row.name,
    summary: row.summary,
    severity: row.severity,
    instance: row.instance,
    state: row.resolved_at ? 'resolved' : 'firing',
    value: Number(row.value),
    threshold: Number(row.threshold),
    description: row.description,
    activeSince: new Date(row.active_since).toISOString(),
    firedAt: new Date(row.fired_at).toISOString(),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
  };
}
