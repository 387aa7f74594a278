import { spawn } from 'node:child_process';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * The three things a backup holds, each through the tool made for it:
 * - PostgreSQL: `pg_dump --format=custom` (compressed, restorable table by table with pg_restore)
 * - Redis: an RDB snapshot streamed over the replication protocol by `redis-cli --rdb`
 * - uploads: a gzip'd tar of the uploads directory
 */

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; rejects with its stderr when it exits non-zero. */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; allowFailure?: boolean } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) =>
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new Error(`${command} is not installed (needed for this backup component)`)
          : error,
      ),
    );
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if (code === 0 || options.allowFailure) resolve(result);
      else reject(new Error(`${command} exited with ${code}: ${redact(stderr.trim()).slice(0, 2_000)}`));
    });
  });
}

/** Connection strings carry passwords: never print one. */
export function redact(text: string): string {
  return text.replace(/(\w+:\/\/)([^:/@\s]+):([^@\s]+)@/g, '$1$2:***@');
}

/** libpq reads the password from PGPASSWORD so it never shows in `ps`; the rest of the URL is passed as is. */
function libpqArgs(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { url: url.toString(), env };
}

export async function dumpPostgres(databaseUrl: string, file: string): Promise<{ serverVersion: string }> {
  const { url, env } = libpqArgs(databaseUrl);
  await run(
    'pg_dump',
    ['--format=custom', '--compress=6', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`],
    { env },
  );
  // A dump whose table of contents cannot be read is not a backup: check it now, not on restore day.
  const toc = await run('pg_restore', ['--list', file]);
  const serverVersion = /Dumped from database version: (.+)/.exec(toc.stdout)?.[1]?.trim() ?? 'unknown';
  return { serverVersion };
}

/**
 * Restores a custom-format dump into `databaseUrl`: objects that exist are dropped first
 * (`--clean --if-exists`), everything runs in one transaction and stops at the first error, so a
 * failed restore leaves the database as it was.
 */
export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  const { url, env } = libpqArgs(databaseUrl);
  await run(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${url}`,
      file,
    ],
    { env },
  );
}

function redisCliArgs(redisUrl: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const url = new URL(redisUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  const args = ['-h', url.hostname, '-p', url.port || '6379'];
  if (url.username && url.username !== 'default') args.push('--user', decodeURIComponent(url.username));
  // REDISCLI_AUTH keeps the password out of the process list.
  if (url.password) env.REDISCLI_AUTH = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') args.push('--tls');
  return { args, env };
}

/** An RDB snapshot of the whole Redis instance (every database), as a replica would receive it. */
export async function dumpRedis(redisUrl: string, file: string): Promise<void> {
  const { args, env } = redisCliArgs(redisUrl);
  await run('redis-cli', [...args, '--rdb', file], { env });
  const { size } = await stat(file);
  const header = Buffer.alloc(5);
  const { open } = await import('node:fs/promises');
  const handle = await open(file, 'r');
  try {
    await handle.read(header, 0, 5, 0);
  } finally {
    await handle.close();
  }
  if (size < 9 || header.toString('latin1') !== 'REDIS') {
    throw new Error('redis-cli --rdb did not produce an RDB file');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Loads an RDB file into a throwaway redis-server on loopback and returns its key count per database
 * — proof the snapshot is readable, and what a restore would bring back.
 */
export async function inspectRdb(file: string): Promise<Record<string, number>> {
  const dir = path.dirname(path.resolve(file));
  const port = await freePort();
  const server = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--dbfilename',
      path.basename(file),
      '--appendonly',
      'no',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));
  try {
    for (let attempt = 0; ; attempt++) {
      const ping = await run('redis-cli', ['-p', String(port), 'ping'], { allowFailure: true });
      if (ping.stdout.trim() === 'PONG') {
        const loading = await run('redis-cli', ['-p', String(port), 'info', 'persistence'], {
          allowFailure: true,
        });
        if (/loading:0/.test(loading.stdout)) break;
      }
      if (attempt > 100) throw new Error('redis-server did not load the RDB file');
      await new Promise((r) => setTimeout(r, 100));
    }
    const info = await run('redis-cli', ['-p', String(port), 'info', 'keyspace']);
    const counts: Record<string, number> = {};
    for (const match of info.stdout.matchAll(/^(db\d+):keys=(\d+)/gm)) counts[match[1]!] = Number(match[2]);
    return counts;
  } finally {
    server.kill('SIGKILL');
    await exited;
  }
}

export async function archiveDirectory(directory: string, file: string): Promise<{ files: number }> {
  const entries = await countFiles(directory);
  await run('tar', ['--create', '--gzip', `--file=${file}`, `--directory=${directory}`, '.']);
  return { files: entries };
}

export async function extractArchive(file: string, directory: string, force: boolean): Promise<void> {
  await mkdir(directory, { recursive: true });
  if (!force && (await readdir(directory)).length > 0) {
    throw new Error(`${directory} is not empty: restore uploads into an empty directory, or pass --force`);
  }
  await run('tar', ['--extract', '--gzip', `--file=${file}`, `--directory=${directory}`]);
}

async function countFiles(directory: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) count++;
  }
  return count;
}
