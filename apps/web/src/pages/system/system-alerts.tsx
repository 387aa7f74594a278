import type { AlertView } from '@sentia/contracts';
import { useQuery } from '@tanstack/react-query';
import { userLocale } from '../../format/locale';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { RelativeTime } from '../../ui/relative-time';
import { alertWhere, formatAlertValue, formatForDuration, sortAlerts } from './system-model';
import { alertsQuery } from './system-queries';

/** Alerts firing now, those resolved lately, and the rules with their thresholds. */
export function AlertsSection() {
  const alerts = useQuery(alertsQuery());
  const locale = userLocale();
  const data = alerts.data;
  const columns: Column<AlertView>[] = [
    {
      key: 'summary',
      header: 'Alert',
      cell: (a) => (
        <span className={`system__severity system__severity--${a.severity}`}>
          {a.summary} <span className="system__muted">({a.severity})</span>
        </span>
      ),
      sortValue: (a) => a.summary,
    },
    { key: 'where', header: 'Where', cell: alertWhere, sortValue: alertWhere },
    {
      key: 'value',
      header: 'Value / threshold',
      align: 'end',
      cell: (a) =>
        `${formatAlertValue(a.name, a.value, locale)} / ${formatAlertValue(a.name, a.threshold, locale)}`,
    },
    {
      key: 'since',
      header: 'Since',
      cell: (a) => <RelativeTime iso={a.activeSince} />,
      sortValue: (a) => a.activeSince,
    },
    {
      key: 'resolved',
      header: 'Resolved',
      cell: (a) => (a.resolvedAt ? <RelativeTime iso={a.resolvedAt} /> : 'firing'),
      sortValue: (a) => a.resolvedAt,
    },
    { key: 'description', header: 'What', cell: (a) => a.description },
  ];
  return (
    <section className="panel system__section" aria-labelledby="system-alerts">
      <h2 id="system-alerts">Alerts</h2>
      {alerts.isError && (
        <ErrorPanel
          heading="Alerts could not be loaded"
          error={alerts.error}
          compact
          onRetry={() => void alerts.refetch()}
        />
      )}
      {data && (
        <>
          <p role="status" className={data.firing.length > 0 ? 'system__alerting' : undefined}>
            {data.firing.length === 0
              ? 'No alert is firing.'
              : `${data.firing.length} alert${data.firing.length === 1 ? ' is' : 's are'} firing.`}{' '}
            {data.webhookConfigured
              ? 'Changes are sent to the alert webhook.'
              : 'No alert webhook is configured (ALERT_WEBHOOK_URL).'}
          </p>
          {data.firing.length > 0 && (
            <DataTable
              caption="Firing now"
              columns={columns.filter((c) => c.key !== 'resolved')}
              rows={sortAlerts(data.firing)}
              rowKey={(a) => a.id}
            />
          )}
          {data.recent.length > 0 && (
            <DataTable
              caption="Resolved in the last 7 days"
              columns={columns}
              rows={data.recent}
              rowKey={(a) => a.id}
            />
          )}
          <details>
            <summary>Alert rules</summary>
            <ul className="system__rules">
              {data.rules.map((rule) => (
                <li key={rule.name}>
                  <strong>{rule.summary}</strong> ({rule.severity}): {rule.condition}, for{' '}
                  {formatForDuration(rule.forSeconds)}.
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
