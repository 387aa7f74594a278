import Ajv from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import {
  ENVIRONMENTS,
  markdownTable,
  readJson,
  readRepoFile,
  repoFileExists,
  SPEC_SERVICES,
} from './support/files';

interface RailwayConfig {
  build: { builder: string; nixpacksConfigPath?: string; watchPatterns?: string[] };
  deploy: {
    startCommand: string;
    healthcheckPath?: string | null;
    healthcheckTimeout?: number;
    restartPolicyType: string;
    restartPolicyMaxRetries: number;
    drainingSeconds?: number;
    multiRegionConfig: Record<string, { numReplicas: number }>;
  };
  environments: Record<string, { deploy?: { multiRegionConfig?: Record<string, { numReplicas: number }> } }>;
}

const schema = readJson('test/delivery/schemas/railway.schema.json');
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const configs = {
  web: readJson<RailwayConfig>('railway/web.json'),
  worker: readJson<RailwayConfig>('railway/worker.json'),
};

/** The settings a Railway environment resolves: environment override over the base config. */
function resolved(config: RailwayConfig, environment: string) {
  return { ...config.deploy, ...config.environments[environment]?.deploy };
}

describe('Railway config as code (railway/web.json, railway/worker.json)', () => {
  for (const [service, config] of Object.entries(configs)) {
    it(`${service}: valid against the config-as-code schema (no unknown or misspelt keys)`, () => {
      const ok = validate(config);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    });

    it(`${service}: builds with the repository's nixpacks.toml`, () => {
      expect(config.build.builder).toBe('NIXPACKS');
      expect(config.build.nixpacksConfigPath).toBe('nixpacks.toml');
      expect(repoFileExists(config.build.nixpacksConfigPath!)).toBe(true);
      expect(config.build.watchPatterns).toContain(`railway/${service}.json`);
    });

    it(`${service}: the spec's start command, region us-west1 and an on-failure restart policy`, () => {
      const spec = SPEC_SERVICES[service as 'web' | 'worker'];
      expect(config.deploy.startCommand).toBe(spec.startCommand);
      expect(config.deploy.restartPolicyType).toBe('ON_FAILURE');
      expect(config.deploy.restartPolicyMaxRetries).toBeGreaterThan(0);
      for (const environment of ENVIRONMENTS) {
        expect(Object.keys(resolved(config, environment).multiRegionConfig)).toEqual(['us-west1']);
      }
    });

    it(`${service}: replicas per environment as the spec says`, () => {
      const spec = SPEC_SERVICES[service as 'web' | 'worker'];
      for (const environment of ENVIRONMENTS) {
        expect(resolved(config, environment).multiRegionConfig['us-west1']!.numReplicas, environment).toBe(
          spec[environment].replicas,
        );
      }
      expect(Object.keys(config.environments).sort()).toEqual([...ENVIRONMENTS].sort());
    });
  }

  it('web: health check on /api/health; worker: none (it serves no HTTP)', () => {
    expect(configs.web.deploy.healthcheckPath).toBe('/api/health');
    expect(configs.web.deploy.healthcheckTimeout).toBeGreaterThanOrEqual(30);
    expect(configs.worker.deploy.healthcheckPath).toBeNull();
  });

  it('draining gives each process longer than its graceful-shutdown deadline', () => {
    const env = markdownTable(readRepoFile('docs/deployment.md'), 'Environment variables');
    const row = env.find((r) => r.variable === '`SHUTDOWN_TIMEOUT_MS`')!;
    const web = Number(/web `(\d+)`/.exec(row.production!)?.[1]);
    const worker = Number(/worker `(\d+)`/.exec(row.production!)?.[1]);
    expect(configs.web.deploy.drainingSeconds! * 1000).toBeGreaterThan(web);
    expect(configs.worker.deploy.drainingSeconds! * 1000).toBeGreaterThan(worker);
  });

  it('the resources table in docs/deployment.md has the spec sizes and the same replicas as the config', () => {
    const rows = markdownTable(readRepoFile('docs/deployment.md'), 'Services and resources per environment');
    expect(rows).toHaveLength(6);
    for (const service of ['web', 'worker'] as const) {
      for (const environment of ENVIRONMENTS) {
        const row = rows.find(
          (r) => r.service === `\`${SPEC_SERVICES[service].name}\`` && r.environment === environment,
        );
        expect(row, `${service} ${environment}`).toBeDefined();
        const spec = SPEC_SERVICES[service][environment];
        expect(row!.replicas).toBe(String(spec.replicas));
        expect(row!.replicas).toBe(
          String(resolved(configs[service], environment).multiRegionConfig['us-west1']!.numReplicas),
        );
        expect(row!.CPU).toBe(`${spec.cpu} vCPU`);
        expect(row!.memory).toBe(spec.memory);
        expect(row!.WORKER_CONCURRENCY).toBe('concurrency' in spec ? `\`${spec.concurrency}\`` : '—');
      }
    }
  });
});

describe('nixpacks.toml', () => {
  const config = parseToml(readRepoFile('nixpacks.toml')) as {
    providers: string[];
    variables: Record<string, string>;
    phases: Record<string, { cmds?: string[]; dependsOn?: string[]; nixPkgs?: string[] }>;
    start: { cmd: string };
  };

  it('parses as TOML with the node provider on Node 20', () => {
    expect(config.providers).toEqual(['node']);
    expect(config.variables.NIXPACKS_NODE_VERSION).toBe('20');
    expect(config.phases.setup?.nixPkgs).toContain('nodejs_20');
  });

  it('installs from the lockfile, builds, then prunes dev dependencies', () => {
    expect(config.phases.install?.cmds).toEqual(['npm ci --include=dev --no-audit --no-fund']);
    expect(config.phases.build?.cmds?.[0]).toBe('npm run build');
    expect(config.phases.build?.cmds?.at(-1)).toMatch(/^npm prune --omit=dev\b/);
    expect(config.phases.build?.dependsOn).toEqual(['install']);
    expect(config.phases.install?.dependsOn).toEqual(['setup']);
  });

  it('build commands are scripts of package.json and the start command is the web entry point', () => {
    const scripts = readJson<{ scripts: Record<string, string> }>('package.json').scripts;
    for (const cmd of config.phases.build?.cmds ?? []) {
      const script = /^npm run (\S+)/.exec(cmd)?.[1];
      if (script) expect(scripts[script], cmd).toBeDefined();
    }
    expect(config.start.cmd).toBe(SPEC_SERVICES.web.startCommand);
    expect(repoFileExists('server.js')).toBe(true);
    expect(repoFileExists('services/workers/index.js')).toBe(true);
  });
});
