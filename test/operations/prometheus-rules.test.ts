import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildHttpApp } from '../../apps/server/src/http-app';
import { createTestContext } from '../../apps/server/src/test-support/app-context';
import { createPgliteTestDatabase } from '../../apps/server/src/test-support/database';

const root = new URL('../../', import.meta.url).pathname;
const file = (relative: string) => path.join(root, relative);

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const hasPromtool = promtool.status === 0;
if (!hasPromtool && process.env.REQUIRE_SERVICES === '1') {
  throw new Error('REQUIRE_SERVICES=1 but promtool is not installed (Debian package prometheus)');
}
if (!hasPromtool) console.warn('[skipped] promtool checks of deploy/prometheus: promtool not installed');

function run(args: string[], cwd = root) {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(!hasPromtool)('Prometheus configuration checked by promtool', () => {
  it('the alert rules are valid', () => {
    const { code, output } = run(['check', 'rules', 'deploy/prometheus/alerts.yml']);
    expect(output).toContain('SUCCESS: 5 rules found');
    expect(code).toBe(0);
  });

  it('each alert fires after its duration, not before, and not at or under its threshold', () => {
    const { code, output } = run(['test', 'rules', 'deploy/prometheus/alerts.test.yml']);
    expect(output, output).toContain('SUCCESS');
    expect(code).toBe(0);
  });

  it('prometheus.yml is valid with the rules file where compose mounts it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sentia-prometheus-'));
    writeFileSync(path.join(dir, 'alerts.yml'), readFileSync(file('deploy/prometheus/alerts.yml')));
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      readFileSync(file('deploy/prometheus/prometheus.yml'), 'utf8').replace(
        '/etc/prometheus/alerts.yml',
        path.join(dir, 'alerts.yml'),
      ),
    );
    const { code, output } = run(['check', 'config', 'prometheus.yml'], dir);
    expect(output, output).toContain('SUCCESS');
    expect(code).toBe(0);
  });
});

describe('rules and dashboard query metrics the app exposes', () => {
  let exposed: Set<string>;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const database = await createPgliteTestDatabase();
    const test = createTestContext(database);
    const app = await buildHttpApp(test.ctx, { serveWeb: false });
    closers.push(
      () => app.close(),
      () => test.close(),
      () => database.close(),
    );
    await app.inject({ method: 'GET', url: '/api/health' });
    const text = (await app.inject({ method: 'GET', url: '/api/metrics' })).body;
    exposed = new Set(['ALERTS']);
    for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      exposed.add(name!);
      if (type === 'histogram')
        for (const suffix of ['_bucket', '_count', '_sum']) exposed.add(name! + suffix);
    }
  });

  afterAll(async () => {
    for (const close of closers) await close();
  });

  /** Metric names in a PromQL expression: identifiers followed by a selector, a range or an operator. */
  function metricNames(expr: string): string[] {
    const functions = new Set([
      'sum',
      'max',
      'min',
      'rate',
      'increase',
      'by',
      'ignoring',
      'on',
      'histogram_quantile',
      'clamp_min',
      'topk',
      'time',
      'without',
      'le',
      'avg',
    ]);
    const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, '{}');
    return [...withoutStrings.matchAll(/\b([A-Za-z_:][\w:]*)\b/g)]
      .map((m) => m[1]!)
      .filter((name) => !functions.has(name) && !/^\d/.test(name) && /_|^ALERTS$/.test(name))
      .filter((name) => !['status_code', 'legendFormat'].includes(name));
  }

  it('every metric in alerts.yml exists in /api/metrics', () => {
    const rules = parse(readFileSync(file('deploy/prometheus/alerts.yml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const names = rules.groups.flatMap((g) => g.rules.flatMap((r) => metricNames(r.expr)));
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(names.filter((n) => !exposed.has(n))).toEqual([]);
  });

  it('every metric on the Grafana dashboard exists in /api/metrics', () => {
    const dashboard = JSON.parse(
      readFileSync(file('deploy/grafana/dashboards/sentia-overview.json'), 'utf8'),
    ) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const names = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricNames(t.expr)));
    expect(names.filter((n) => !exposed.has(n))).toEqual([]);
    for (const required of [
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'db_pool_connections',
      'db_pool_max',
      'queue_jobs',
      'queue_oldest_waiting_seconds',
      'job_duration_seconds_bucket',
      'sync_records_total',
      'sync_last_success_timestamp_seconds',
      'process_memory_limit_bytes',
      'process_resident_memory_bytes',
    ]) {
      expect(names, required).toContain(required);
    }
  });
});
