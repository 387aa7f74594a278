import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { migratePostgres } from '@sentia/db';
import pg from 'pg';
import { type RunningApp, startProcess } from '../../../e2e/support/app-process';

export const ADMIN = { email: 'reliability-admin@sentia.test', password: 'reliability-admin-password' };

/** A fresh database on the given server, migrated; dropped by the returned function. */
export async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sentia_rel_${Date.now()}_${randomUUID().slice(0, 6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface Cluster {
  env: Record<string, string>;
  webs: RunningApp[];
  workers: RunningApp[];
  stop(): Promise<void>;
}

/** Web and worker processes of the built app over one PostgreSQL database and one Redis, as production runs. */
export async function startCluster(options: {
  databaseUrl: string;
  redisUrl: string;
  webs: number;
  workers: number;
  env?: Record<string, string>;
}): Promise<Cluster> {
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    APP_URL: 'http://localhost',
    QUEUE_PREFIX: `rel-${randomUUID().slice(0, 8)}`,
    JWT_ACCESS_SECRET: `rel-access-${randomUUID()}`,
    JWT_REFRESH_SECRET: `rel-refresh-${randomUUID()}`,
    SESSION_SECRET: `rel-session-${randomUUID()}`,
    CREDENTIALS_ENCRYPTION_KEY: `rel-credentials-${randomUUID()}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'info',
    DATABASE_POOL_MAX: '10',
    ...options.env,
  };
  const workers: RunningApp[] = [];
  for (let i = 0; i < options.workers; i += 1) {
    workers.push(await startProcess('services/workers/index.js', env, { waitForHealth: false }));
  }
  const webs: RunningApp[] = [];
  for (let i = 0; i < options.webs; i += 1) webs.push(await startProcess('server.js', env));
  return {
    env,
    webs,
    workers,
    async stop() {
      await Promise.all([...webs, ...workers].map((p) => p.stop().catch(() => undefined)));
    },
  };
}

export async function signIn(baseUrl: string, email = ADMIN.email, password = ADMIN.password) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, mode: 'token' }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { tokens: { accessToken: string; refreshToken: string } };
  return body.tokens;
}

/** Resident memory of a process in bytes (Linux). */
export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}
