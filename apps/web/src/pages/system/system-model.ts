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

/** A short summary for the page header: "5 of 6 dependencies up; 1 down (redis)". */
export function dependencySummary(dependencies: readonly DependencyState[]): string {
  if (dependencies.length === 0) return 'No dependencies reported';
  const up = dependencies.filter((d) => d.state === 'up').length;
  const problems = dependencies.filter((d) => d.state === 'down' || d.state === 'degraded');
  const base = `${up} of ${dependencies.length} dependencies up`;
  if (problems.length === 0) return base;
  return `${base}; ${problems.map((d) => `${d.name} ${d.state}`).join(', ')}`;
}

/** Git commits are shown short; the full hash is in the title. */
export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 10) : 'unknown';
}
