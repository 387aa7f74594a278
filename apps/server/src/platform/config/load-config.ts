import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { type Env, envSchema, GENERATED_SECRET_KEYS, PRODUCTION_REQUIRED_KEYS, SECRET_KEYS } from './schema';

export type ProcessRole = 'embedded' | 'web' | 'worker';

export interface AppConfig extends Env {
  role: ProcessRole;
  /** embedded: PGlite under DATA_DIR; server: PostgreSQL (and Redis) from the environment. */
  mode: 'embedded' | 'server';
  dataDir: string;
  /** Values that must never appear in logs (every configured secret). */
  secretValues: string[];
  /** Warnings to print once the logger exists (e.g. secrets generated for embedded mode). */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment once, at start-up. Every problem is collected and reported together;
 * in production a missing or malformed required value stops the process.
 */
export function loadConfig(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error.issues));
  const values: Env = { ...parsed.data };
  const problems: string[] = [];
  const warnings: string[] = [];

  if (values.NODE_ENV === 'production') {
    for (const key of PRODUCTION_REQUIRED_KEYS) {
      if (values[key] === undefined) problems.push(`${key}: required in production`);
    }
  }
  if (role !== 'embedded') {
    if (!values.DATABASE_URL) problems.push(`DATABASE_URL: required to run the ${role} process on its own`);
    if (!values.REDIS_URL) problems.push(`REDIS_URL: required to run the ${role} process on its own`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const mode = values.DATABASE_URL ? 'server' : 'embedded';
  const dataDir = path.resolve(values.DATA_DIR);
  if (mode === 'embedded') {
    const generated = ensureEmbeddedSecrets(values, dataDir);
    if (generated.length > 0) {
      warnings.push(
        `Generated ${generated.join(', ')} for embedded mode and kept them in ${path.join(dataDir, 'secrets.json')}; set them in the environment for any shared deployment.`,
      );
    }
  } else {
    for (const key of GENERATED_SECRET_KEYS) {
      if (values[key] === undefined) {
        problems.push(`${key}: required when DATABASE_URL is set (replicas must share it)`);
      }
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }

  const secretValues = SECRET_KEYS.map((key) => values[key]).filter(
    (v): v is string => typeof v === 'string' && v.length >= 4,
  );
  return { ...values, role, mode, dataDir, secretValues, warnings };
}

function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const key = issue.path.join('.') || '(environment)';
    const secretKey = (SECRET_KEYS as readonly string[]).includes(key);
    // Never echo the offending value of a secret: the message says what is wrong, not what was given.
    const message = secretKey ? issue.message.replace(/".*"/, '(value hidden)') : issue.message;
    return `${key}: ${message}`;
  });
}

/** Fills in missing signing secrets from DATA_DIR/secrets.json, creating them once. */
function ensureEmbeddedSecrets(values: Env, dataDir: string): string[] {
  const missing = GENERATED_SECRET_KEYS.filter((key) => values[key] === undefined);
  if (missing.length === 0) return [];
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<Record<(typeof GENERATED_SECRET_KEYS)[number], string>> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    stored = {};
  }
  const generated: string[] = [];
  for (const key of missing) {
    if (!stored[key]) {
      stored[key] = randomBytes(48).toString('base64url');
      generated.push(key);
    }
    values[key] = stored[key];
  }
  if (generated.length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return generated;
}
