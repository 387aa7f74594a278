import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';

const strong = 'x'.repeat(40);

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the spec defaults: port 5000, embedded mode without DATABASE_URL, features on', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sentia-config-'));
    const config = loadConfig('embedded', { DATA_DIR: dataDir });
    expect(config.PORT).toBe(5000);
    expect(config.mode).toBe('embedded');
    expect(config.FEATURE_FORECASTING).toBe(true);
    expect(config.MAINTENANCE_MODE).toBe(false);
    expect(config.WORKER_CONCURRENCY).toBe(2);
  });

  it('generates missing signing secrets once in embedded mode, keeps them, and warns', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sentia-config-'));
    const first = loadConfig('embedded', { DATA_DIR: dataDir });
    expect(first.warnings.join()).toMatch(
      /Generated JWT_ACCESS_SECRET, JWT_REFRESH_SECRET, SESSION_SECRET, CREDENTIALS_ENCRYPTION_KEY/,
    );
    const second = loadConfig('embedded', { DATA_DIR: dataDir });
    expect(second.warnings).toEqual([]);
    expect(second.JWT_ACCESS_SECRET).toBe(first.JWT_ACCESS_SECRET);
    expect(first.JWT_ACCESS_SECRET).not.toBe(first.JWT_REFRESH_SECRET);
    const file = path.join(dataDir, 'secrets.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('lists every missing production value at once', () => {
    const problems = problemsOf(() => loadConfig('web', { NODE_ENV: 'production' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        'DATABASE_URL: required in production',
        'REDIS_URL: required in production',
        'APP_URL: required in production',
        'JWT_ACCESS_SECRET: required in production',
        'JWT_REFRESH_SECRET: required in production',
        'SESSION_SECRET: required in production',
        'CREDENTIALS_ENCRYPTION_KEY: required in production',
      ]),
    );
  });

  it('lists every malformed value at once, naming the variable and never echoing a secret', () => {
    const problems = problemsOf(() =>
      loadConfig('embedded', {
        PORT: 'eighty',
        DATABASE_URL: 'mysql://somewhere',
        WORKER_CONCURRENCY: '0',
        JWT_ACCESS_SECRET: 'short-secret-value',
        FEATURE_FORECASTING: 'maybe',
      }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining([
        'PORT',
        'DATABASE_URL',
        'WORKER_CONCURRENCY',
        'JWT_ACCESS_SECRET',
        'FEATURE_FORECASTING',
      ]),
    );
    expect(problems.join('\n')).not.toContain('short-secret-value');
  });

  it('requires PostgreSQL and Redis for a separate web or worker process', () => {
    const problems = problemsOf(() => loadConfig('worker', {}));
    expect(problems).toContain('DATABASE_URL: required to run the worker process on its own');
    expect(problems).toContain('REDIS_URL: required to run the worker process on its own');
  });

  it('collects configured secrets for log redaction', () => {
    const config = loadConfig('web', {
      DATABASE_URL: 'postgres://u:p@db/x',
      REDIS_URL: 'redis://cache:6379',
      JWT_ACCESS_SECRET: strong,
      JWT_REFRESH_SECRET: `${strong}r`,
      SESSION_SECRET: `${strong}s`,
      CREDENTIALS_ENCRYPTION_KEY: `${strong}k`,
      SHOPIFY_API_SECRET: 'shpss_abc',
    });
    expect(config.mode).toBe('server');
    expect(config.secretValues).toEqual(
      expect.arrayContaining(['postgres://u:p@db/x', strong, `${strong}r`, 'shpss_abc']),
    );
  });
});
