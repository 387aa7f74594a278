import type { DependencyState, StatusResponse } from '@sentia/contracts';

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
