import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export const repoRoot = new URL('../../../', import.meta.url).pathname;

export function repoPath(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}

export function readRepoFile(...parts: string[]): string {
  return readFileSync(repoPath(...parts), 'utf8');
}

export function repoFileExists(...parts: string[]): boolean {
  return existsSync(repoPath(...parts));
}

/** YAML with merge keys (`<<: *anchor`), as Docker Compose reads it. */
export function readYaml<T = Record<string, unknown>>(...parts: string[]): T {
  return parseYaml(readRepoFile(...parts), { merge: true }) as T;
}

export function readJson<T = Record<string, unknown>>(...parts: string[]): T {
  return JSON.parse(readRepoFile(...parts)) as T;
}

/** The deployment spec's numbers per service and environment (railway-deployment-configuration.md). */
export const SPEC_SERVICES = {
  web: {
    name: 'sentia-web',
    startCommand: 'node server.js',
    development: { replicas: 1, cpu: '0.25', memory: '512Mi' },
    test: { replicas: 1, cpu: '0.5', memory: '1Gi' },
    production: { replicas: 2, cpu: '1', memory: '2Gi' },
  },
  worker: {
    name: 'sentia-worker',
    startCommand: 'node services/workers/index.js',
    // The spec gives no development worker: the smallest size, one job at a time (docs/deployment.md).
    development: { replicas: 1, cpu: '0.25', memory: '512Mi', concurrency: '1' },
    test: { replicas: 1, cpu: '0.5', memory: '1Gi', concurrency: '2' },
    production: { replicas: 2, cpu: '1', memory: '2Gi', concurrency: '5' },
  },
} as const;

export const ENVIRONMENTS = ['development', 'test', 'production'] as const;

/**
 * The rows of the first Markdown table under the heading `heading` (any level), as objects keyed by
 * the header cells. Backslash-escaped pipes stay inside their cell.
 */
export function markdownTable(markdown: string, heading: string): Record<string, string>[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && l.replace(/^#+ /, '').trim() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  let i = start + 1;
  while (i < lines.length && !lines[i]!.startsWith('|')) {
    if (/^#{1,6} /.test(lines[i]!)) throw new Error(`no table under "${heading}"`);
    i++;
  }
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
  const header = cells(lines[i]!);
  const rows: Record<string, string>[] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    const values = cells(lines[i]!);
    rows.push(Object.fromEntries(header.map((h, k) => [h, values[k] ?? ''])));
  }
  return rows;
}

/** Backticked literals in a table cell. */
export function literals(cell: string): string[] {
  return [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
}
