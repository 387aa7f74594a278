import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '../../../e2e/support/app-process';

/**
 * PostgreSQL and Redis servers of the test's own, on free ports, so faults (restarts, kills) can be
 * injected without disturbing the machine's shared services or other suites.
 */
export interface PrivateRedis {
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
  kill(): void;
  start(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(async () => ping(port), { what: `redis on ${port}`, timeoutMs: 10_000, intervalMs: 100 });
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    kill: () => child?.kill('SIGKILL'),
    async restart() {
      await stop();
      await start();
    },
  };
}

async function ping(port: number): Promise<boolean> {
  try {
    execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'pipe', timeout: 2_000 });
    return true;
  } catch {
    return false;
  }
}

export interface PrivatePostgres {
  /** A superuser URL to the `postgres` database of this server. */
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function postgresBin(tool: string): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort().at(-1);
  return path.join(root, version ?? '', 'bin', tool);
}

/** Runs as the `postgres` system user when we are root (initdb refuses root). */
function asPostgres(command: string, args: string[]): void {
  if (process.getuid?.() === 0)
    execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  else execFileSync(command, args, { stdio: 'pipe' });
}

export function privatePostgresAvailable(): boolean {
  return existsSync('/usr/lib/postgresql') && existsSync(postgresBin('initdb'));
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'sentia-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  asPostgres(postgresBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const ctl = (action: string, extra: string[] = []) =>
    asPostgres(postgresBin('pg_ctl'), [
      '-D',
      data,
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      ...extra,
      action,
    ]);
  ctl('start', ['-l', path.join(dir, 'log')]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => ctl('start', ['-l', path.join(dir, 'log')]),
    stop: async () => ctl('stop', ['-m', 'fast']),
    restart: async () => ctl('restart', ['-m', 'fast', '-l', path.join(dir, 'log')]),
  };
}
