import { readdirSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { BACKUP_POLICY } from '../../scripts/lib/backup/policy';
import { readJson, readRepoFile, readYaml, repoFileExists } from './support/files';
import { runScript } from './support/run-script';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  environment?: string | { name: string };
  services?: Record<string, { image: string }>;
  steps?: Step[];
  strategy?: { matrix: { include: Record<string, string>[] } };
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const files = readdirSync(new URL('../../.github/workflows/', import.meta.url)).filter((f) =>
  /\.ya?ml$/.test(f),
);
const workflow = (file: string) => readYaml<Workflow>('.github/workflows', file);
const scripts = readJson<{ scripts: Record<string, string> }>('package.json').scripts;
/** Files the build produces; the workflows run them after `npm run build` or the artifact download. */
const BUILT = new Set(['apps/server/dist/cli.js']);
/** A GitHub Actions expression, written without tripping the template-literal lint. */
const expr = (body: string) => `$\{{ ${body} }}`;

describe('GitHub Actions workflows', () => {
  it('are the build, deploy and backup pipelines', () => {
    expect(files.sort()).toEqual(['backup.yml', 'ci.yml', 'deploy.yml']);
  });

  for (const file of files) {
    it(`${file}: valid according to action-validator (GitHub's workflow schema)`, () => {
      const result = validateWorkflow(readRepoFile('.github/workflows', file));
      expect(result.errors, JSON.stringify(result.errors, null, 2)).toEqual([]);
    });

    it(`${file}: every npm script and file its steps run exists`, () => {
      const runs = Object.values(workflow(file).jobs).flatMap((job) =>
        (job.steps ?? []).map((s) => s.run ?? ''),
      );
      for (const run of runs) {
        for (const [, name] of run.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) {
          expect(scripts[name!], `${file}: npm run ${name}`).toBeDefined();
        }
        for (const [, path] of run.matchAll(/\bnode ((?:[\w.-]+\/)*[\w.-]+\.m?js)\b/g)) {
          expect(repoFileExists(path!) || BUILT.has(path!), `${file}: node ${path}`).toBe(true);
        }
        for (const [, path] of run.matchAll(/(?:npx )?vitest run [^\n]*?((?:e2e|test)\/[\w./-]+\.ts)/g)) {
          expect(repoFileExists(path!), `${file}: ${path}`).toBe(true);
        }
      }
    });

    it(`${file}: actions are pinned to a major version`, () => {
      const uses = Object.values(workflow(file).jobs).flatMap((job) =>
        (job.steps ?? []).map((s) => s.uses).filter((u): u is string => Boolean(u)),
      );
      for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
    });
  }

  it('ci.yml: checkout, setup-node with npm cache, install, lint, tests with PostgreSQL and Redis, build, security scan, artifacts', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request', 'workflow_call']));
    const verify = ci.jobs.verify!;
    expect(verify.services?.postgres?.image).toMatch(/^postgres:\d+/);
    expect(verify.services?.redis?.image).toMatch(/^redis:\d/);
    const steps = verify.steps!;
    const index = (predicate: (s: Step) => boolean) => steps.findIndex(predicate);
    const order = [
      index((s) => s.uses?.startsWith('actions/checkout@') ?? false),
      index((s) => s.uses?.startsWith('actions/setup-node@') === true && s.with?.cache === 'npm'),
      index((s) => s.run?.startsWith('npm ci') ?? false),
      index((s) => s.run === 'npm run lint'),
      index((s) => s.run === 'npx vitest run --project unit'),
      index((s) => s.run === 'npx vitest run --project integration'),
      index((s) => s.run === 'npm run build'),
      index((s) => s.run === 'npx vitest run --project e2e'),
      index((s) => s.run?.startsWith('npm run smoke') ?? false),
      index((s) => s.uses?.startsWith('actions/upload-artifact@') ?? false),
    ];
    expect(
      order.every((i) => i >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps.find((s) => s.run?.startsWith('npm run openapi'))?.run).toContain('--check');
    const security = ci.jobs.security!.steps!.map((s) => s.run ?? '').join('\n');
    expect(security).toContain('npm audit --audit-level=high');
    expect(security).toContain('npm run secret-scan');
  });

  it('deploy.yml: development auto-deploys, test and production need passing CI, production needs approval', () => {
    const deploy = workflow('deploy.yml');
    expect((deploy.on.push as { branches: string[] }).branches).toEqual([
      'development',
      'test',
      'production',
    ]);
    expect(deploy.jobs.ci!.uses).toBe('./.github/workflows/ci.yml');
    const job = deploy.jobs.deploy!;
    expect(job.needs).toBe('ci');
    expect(job.if).toContain("needs.ci.result == 'success'");
    expect(job.if).toContain("github.ref_name == 'development'");
    // The GitHub environment named after the branch: `production` carries the required reviewers.
    expect(job.environment).toMatchObject({ name: expr('github.ref_name') });
  });

  it('deploy.yml: backup (production) → migrate → deploy → health → smoke, with automatic rollback on failure', () => {
    const steps = workflow('deploy.yml').jobs.deploy!.steps!;
    const at = (predicate: (s: Step) => boolean, what: string) => {
      const i = steps.findIndex(predicate);
      expect(i, what).toBeGreaterThanOrEqual(0);
      return i;
    };
    const artifacts = at(
      (s) => s.uses?.startsWith('actions/download-artifact@') ?? false,
      'download artifacts',
    );
    const railwayCli = at((s) => s.run?.includes('@railway/cli@') ?? false, 'setup railway');
    const backup = at((s) => s.run?.startsWith('npm run backup') ?? false, 'backup');
    const record = at((s) => s.run?.includes('railway -- current') ?? false, 'record rollback targets');
    const migrate = at((s) => s.run === 'npm run deploy:migrate', 'migrations');
    const up = at((s) => s.run?.includes('railway up --ci --service sentia-web') ?? false, 'deploy');
    const health = at(
      (s) => s.run?.includes('railway -- wait --service sentia-web') ?? false,
      'health checks',
    );
    const smoke = at((s) => s.run?.startsWith('npm run smoke') ?? false, 'smoke tests');
    const rollback = at((s) => s.run?.includes('railway -- rollback') ?? false, 'rollback');
    expect([artifacts, railwayCli, backup, record, migrate, up, health, smoke, rollback]).toEqual(
      [artifacts, railwayCli, backup, record, migrate, up, health, smoke, rollback].sort((a, b) => a - b),
    );
    expect(steps[backup]!.if).toBe("github.ref_name == 'production'");
    expect(steps[rollback]!.if).toMatch(/^failure\(\)/);
    expect(steps[up]!.run).toContain('railway up --ci --service sentia-worker');
  });

  it('deploy.yml: after deploying to test, the E2E suite runs against the deployed URL', () => {
    const job = workflow('deploy.yml').jobs['e2e-deployed']!;
    expect(job.needs).toBe('deploy');
    expect(job.if).toBe("github.ref_name == 'test'");
    const e2e = job.steps!.find((s) => s.run?.includes('vitest run --project e2e'))!;
    expect(e2e.env?.E2E_BASE_URL).toBe(expr('vars.APP_URL'));
  });

  it('backup.yml: the schedules and environments of the backup policy', () => {
    const backup = workflow('backup.yml');
    const crons = (backup.on.schedule as { cron: string }[]).map((s) => s.cron);
    const matrix = backup.jobs.backup!.strategy!.matrix.include.filter((m) => m.schedule !== 'manual');
    for (const entry of matrix) {
      expect(crons).toContain(entry.schedule);
      const rule =
        BACKUP_POLICY[entry.environment as 'production' | 'test'][entry.components as 'postgres' | 'redis'];
      expect(rule.schedule, `${entry.environment} ${entry.components}`).toBe(entry.schedule);
    }
    const scheduled = Object.entries(BACKUP_POLICY).flatMap(([env, components]) =>
      Object.entries(components)
        .filter(([component, rule]) => rule.schedule && component !== 'uploads')
        .map(([component, rule]) => `${env}/${component}/${rule.schedule}`),
    );
    expect(matrix.map((m) => `${m.environment}/${m.components}/${m.schedule}`).sort()).toEqual(
      scheduled.sort(),
    );
  });
});

describe('the scripts the workflows call run locally', () => {
  it.each([
    ['scripts/smoke.ts', /--url is required/],
    ['scripts/backup.ts', /--env must be/],
    ['scripts/restore.ts', /--store is required/],
    ['scripts/openapi.ts', /--url is required/],
    ['scripts/deploy/railway.ts', /give a command/],
    ['scripts/deploy/migrate.ts', /DATABASE_URL is not set/],
  ])('%s answers a usage error with exit 2', async (script, message) => {
    const result = await runScript(script, [], { DATABASE_URL: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: npm run');
  });

  it('npm run secret-scan passes on this repository', async () => {
    const result = await runScript('scripts/security/secret-scan.ts', []);
    expect(result.stdout).toContain('secret scan: no credentials found');
    expect(result.code).toBe(0);
  });
});
