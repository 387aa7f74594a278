import type {
  AlertView,
  ConnectorSync,
  DependencyState,
  FeatureFlagView,
  QueueStatus,
  StatusResponse,
} from '@sentia/contracts';
import type { HealthState } from '../../ui/state-badge';

export const MODE_TEXT: Record<StatusResponse['mode'], string> = {
  embedded: 'Embedded (one process, built-in database and queue)',
  server: 'Server (separate web and worker services)',
};

const STATE_ORDER: Record<DependencyState['state'], number> = {
  down: 0,
  degraded: 1,
  not_configured: 2,
  up: 3,
};

/** Attention first: failing dependencies sort to the top, required before optional. */
export function dependencyRank(dependency: DependencyState): number {
  return STATE_ORDER[dependency.state] * 2 + (dependency.required ? 0 : 1);
}

/**
 * One line for the summary: "2 of 3 configured dependencies up: redis down; 1 not configured".
 * Dependencies that are not configured (Redis in embedded mode) are not failures, so they are
 * counted apart.
 */
export function dependencySummary(dependencies: readonly DependencyState[]): string {
  if (dependencies.length === 0) return 'No dependencies reported';
  const configured = dependencies.filter((d) => d.state !== 'not_configured');
  const up = configured.filter((d) => d.state === 'up').length;
  const problems = configured.filter((d) => d.state !== 'up');
  const parts = [`${up} of ${configured.length} configured dependencies up`];
  if (problems.length > 0) parts[0] += `: ${problems.map((d) => `${d.name} ${d.state}`).join(', ')}`;
  const notConfigured = dependencies.length - configured.length;
  if (notConfigured > 0) parts.push(`${notConfigured} not configured`);
  return parts.join('; ');
}

/** Git commits are shown short; the full hash is in the title. */
export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 10) : 'unknown';
}

/** Rules whose value is a share (error rate, pool, memory) are shown as percentages. */
const RATIO_RULES = new Set(['HighErrorRate', 'DatabaseConnectionPool', 'MemoryUsage']);

/** An alert value or threshold in the rule's own unit: "3.2%", "2.40 s", "1,200 jobs". */
export function formatAlertValue(rule: string, value: number, locale: string): string {
  if (RATIO_RULES.has(rule)) {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }
  if (rule === 'HighResponseTime') {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value)} s`;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value)} jobs`;
}

/** "5 min", "15 min": the rule's duration. */
export function formatForDuration(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** Where an alert applies, in words. */
export function alertWhere(alert: Pick<AlertView, 'instance'>): string {
  return alert.instance === 'cluster' ? 'all processes' : alert.instance;
}

/** Critical alerts first, then the longest-running. */
export function sortAlerts(alerts: readonly AlertView[]): AlertView[] {
  return [...alerts].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1) ||
      a.activeSince.localeCompare(b.activeSince),
  );
}

/** A queue needs a look when jobs have failed or the oldest waiting job is older than 15 minutes. */
export function queueState(queue: QueueStatus): HealthState {
  if ((queue.oldestWaitingSeconds ?? 0) > 15 * 60) return 'degraded';
  if (queue.failed > 0) return 'degraded';
  return 'ok';
}

/** A connector is down when its last run failed, degraded when it has not succeeded for a day. */
export function connectorState(sync: ConnectorSync, now: Date): HealthState {
  if (sync.lastStatus === 'failed') return 'down';
  if (!sync.lastSuccessAt) return sync.lastStatus === 'running' ? 'degraded' : 'down';
  return now.getTime() - Date.parse(sync.lastSuccessAt) > 24 * 3600_000 ? 'degraded' : 'ok';
}

/** How a flag came to be what it is. */
export function flagSource(flag: FeatureFlagView): string {
  if (flag.override === null) return `default (${flag.default ? 'on' : 'off'} from the environment)`;
  return `switched ${flag.override ? 'on' : 'off'} by an administrator (default ${flag.default ? 'on' : 'off'})`;
}
