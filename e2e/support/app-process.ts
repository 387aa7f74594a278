import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = new URL('../../', import.meta.url).pathname;

export interface RunningApp {
  url: string;
  port: number;
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code when the process ends by itself. */
  exited: Promise<number | null>;
  /** Sends the signal and resolves with the exit code and how long the process took to exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sentia-e2e-'));
}

/** Starts one of the built entry points (`server.js`, `services/workers/index.js`, or the all-in-one main). */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  options: { waitForHealth?: boolean; timeoutMs?: number } = {},
): Promise<RunningApp> {
  const port = Number(env.PORT ?? (await freePort()));
  let output = '';
  const child = spawn(process.execPath, [path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    url,
    port,
    process: child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      const started = Date.now();
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
  if (options.waitForHealth ?? true) {
    const deadline = Date.now() + (options.timeoutMs ?? 90_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
      try {
        const response = await fetch(`${url}/api/health`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await app.stop('SIGKILL');
        throw new Error(`${entry} did not become healthy in time:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return app;
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 60_000, intervalMs = 250, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface SignedIn {
  cookies: { name: string; value: string }[];
  /** The same cookies as a `Cookie` header, for API calls beside the browser. */
  cookieHeader: string;
}

/** Signs in the administrator whose generated password the app's first start printed. */
export async function signInFirstAdmin(app: RunningApp): Promise<SignedIn> {
  const password = /admin@sentia\.local \/ (\S+)/.exec(app.output())?.[1];
  if (!password) throw new Error('the first start did not print the generated admin password');
  const login = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@sentia.local', password }),
  });
  if (login.status !== 200) throw new Error(`the admin sign-in answered ${login.status}`);
  const cookies = login.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const index = pair!.indexOf('=');
    return { name: pair!.slice(0, index), value: pair!.slice(index + 1) };
  });
  return { cookies, cookieHeader: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
