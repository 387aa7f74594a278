import { describe, expect, it } from 'vitest';
import {
  envSchema,
  PRODUCTION_REQUIRED_KEYS,
  SECRET_KEYS,
} from '../../apps/server/src/platform/config/schema';
import { ENVIRONMENTS, literals, markdownTable, readRepoFile, SPEC_SERVICES } from './support/files';

/**
 * docs/deployment.md "Environment variables" must match the config schema: the same variables, the
 * same secret flags, public values the schema accepts, no secret values written down.
 */
const rows = markdownTable(readRepoFile('docs/deployment.md'), 'Environment variables');
const byName = new Map(rows.map((r) => [r.variable!.replace(/`/g, ''), r]));
const shape = envSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
const secrets = new Set<string>(SECRET_KEYS);

describe('environment table in docs/deployment.md vs the config schema', () => {
  it('documents exactly the variables the schema reads', () => {
    const documented = [...byName.keys()].sort();
    const inSchema = Object.keys(envSchema.shape).sort();
    const missing = inSchema.filter((k) => !byName.has(k));
    const extra = documented.filter((k) => !(k in envSchema.shape));
    expect({ missing, extra }, 'add the missing rows to docs/deployment.md / remove the stale ones').toEqual({
      missing: [],
      extra: [],
    });
    expect(rows).toHaveLength(inSchema.length);
  });

  it('marks as secret exactly the schema’s secret keys', () => {
    for (const [name, row] of byName) {
      expect(row.secret, name).toBe(secrets.has(name) ? 'secret' : 'public');
    }
  });

  it('every public value written in the table is one the schema accepts', () => {
    for (const [name, row] of byName) {
      if (secrets.has(name)) continue;
      for (const environment of ENVIRONMENTS) {
        for (const value of literals(row[environment]!)) {
          expect(shape[name]!.safeParse(value).success, `${name} ${environment}: ${value}`).toBe(true);
        }
      }
    }
  });

  it('secret rows describe a source, never a value (backticks only for Railway reference variables)', () => {
    for (const name of secrets) {
      const row = byName.get(name)!;
      for (const environment of ENVIRONMENTS) {
        for (const value of literals(row[environment]!))
          expect(value, `${name} ${environment}`).toMatch(/^\$\{\{[\w.]+\}\}$/);
        expect(row[environment], `${name} ${environment}`).not.toMatch(/:\/\/[^\s]*:[^\s]*@/);
      }
    }
  });

  it('production provides every value the schema requires in production', () => {
    for (const name of PRODUCTION_REQUIRED_KEYS) {
      const cell = byName.get(name)!.production!;
      expect(cell, name).not.toMatch(/^(unset|default)/);
    }
    expect(literals(byName.get('NODE_ENV')!.production!)).toEqual(['production']);
  });

  it('WORKER_CONCURRENCY per environment is the spec’s', () => {
    const row = byName.get('WORKER_CONCURRENCY')!;
    for (const environment of ENVIRONMENTS) {
      expect(literals(row[environment]!)).toEqual([SPEC_SERVICES.worker[environment].concurrency]);
    }
  });

  it('the spec’s public and secret variable names are all covered', () => {
    const spec = [
      'DATABASE_URL',
      'DATABASE_POOL_MAX',
      'REDIS_URL',
      'REDIS_CACHE_TTL',
      'CLERK_SECRET_KEY',
      'JWT_ACCESS_SECRET',
      'JWT_REFRESH_SECRET',
      'SESSION_SECRET',
      'AMAZON_CLIENT_SECRET',
      'SHOPIFY_API_SECRET',
      'UNLEASHED_API_KEY',
      'XERO_CLIENT_SECRET',
      'SENTRY_DSN',
      'TELEMETRY_KEY',
      'NEW_RELIC_LICENSE_KEY',
      'NODE_ENV',
      'PORT',
      'APP_URL',
      'VITE_CLERK_PUBLISHABLE_KEY',
      'FEATURE_FORECASTING',
      'FEATURE_OPTIMIZATION',
      'FEATURE_WORKING_CAPITAL',
      'MAINTENANCE_MODE',
      'WORKER_CONCURRENCY',
    ];
    for (const name of spec) expect(byName.has(name), name).toBe(true);
  });
});
