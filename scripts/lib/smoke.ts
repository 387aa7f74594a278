/**
 * Post-deploy smoke checks against a running deployment. Checks for endpoints that later versions
 * add (sign-in, metrics) are skipped while the endpoint answers 404 and enforced once it exists, so the
 * same script serves every version of the app.
 */
export type CheckOutcome = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  outcome: CheckOutcome;
  detail: string;
  ms: number;
}

export interface SmokeOptions {
  baseUrl: string;
  /** Smoke account for the sign-in check (SMOKE_EMAIL / SMOKE_PASSWORD). */
  email?: string;
  password?: string;
  /** Fail instead of skip when sign-in exists but no smoke account is configured. */
  requireLogin?: boolean;
  /** Seconds to wait for /api/health to answer 200 before checking (a deployment still starting). */
  waitSeconds?: number;
  timeoutMs?: number;
  /** Bearer token for /api/metrics when the deployment sets METRICS_TOKEN. */
  metricsToken?: string;
  /** Extra GET paths that must answer 200 with JSON. */
  extraPaths?: string[];
  fetchImpl?: typeof fetch;
}

const NOT_DEPLOYED = 'skipped: not deployed in this version';

class CheckFailure extends Error {}

function fail(message: string): never {
  throw new CheckFailure(message);
}

export async function runSmoke(options: SmokeOptions): Promise<CheckResult[]> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'sentia-smoke/1' };
  const results: CheckResult[] = [];

  const request = async (path: string, init: RequestInit = {}) => {
    const response = await doFetch(`${base}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response;
  };

  const json = async (response: Response, path: string): Promise<unknown> => {
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) fail(`${path} answered ${type || 'no content type'}, expected JSON`);
    try {
      return await response.json();
    } catch {
      return fail(`${path} answered invalid JSON`);
    }
  };

  const check = async (name: string, body: () => Promise<string>) => {
    const started = performance.now();
    let outcome: CheckOutcome = 'pass';
    let detail: string;
    try {
      detail = await body();
      if (detail.startsWith('skipped:')) outcome = 'skip';
    } catch (error) {
      outcome = 'fail';
      detail =
        error instanceof CheckFailure
          ? error.message
          : `request failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    results.push({ name, outcome, detail, ms: Math.round(performance.now() - started) });
  };

  if (options.waitSeconds && options.waitSeconds > 0) {
    const deadline = Date.now() + options.waitSeconds * 1000;
    for (;;) {
      const ok = await request('/api/health').then(
        (r) => r.ok,
        () => false,
      );
      if (ok || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }

  await check('health', async () => {
    const response = await request('/api/health');
    if (response.status !== 200) fail(`/api/health answered ${response.status}`);
    const body = (await json(response, '/api/health')) as { status?: string };
    if (body.status !== 'ok') fail(`/api/health status is ${JSON.stringify(body.status)}`);
    return 'status ok';
  });

  await check('status', async () => {
    const response = await request('/api/status');
    const body = (await json(response, '/api/status')) as {
      status?: string;
      version?: string;
      commit?: string | null;
      environment?: string;
      dependencies?: { name: string; state: string; required: boolean }[];
    };
    const down = (body.dependencies ?? []).filter((d) => d.state !== 'up' && d.state !== 'not_configured');
    if (response.status !== 200 || body.status !== 'ok') {
      fail(
        `/api/status answered ${response.status} with status ${JSON.stringify(body.status)}${
          down.length ? ` (${down.map((d) => `${d.name}: ${d.state}`).join(', ')})` : ''
        }`,
      );
    }
    return `status ok, version ${body.version ?? '?'}${body.commit ? ` (${body.commit.slice(0, 12)})` : ''}, ${body.environment ?? '?'}`;
  });

  await check('sign-in', async () => {
    const probe = await request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // `mode: token` asks for a bearer token (API clients); session cookies are carried too, below.
      body: JSON.stringify(
        options.email && options.password
          ? { email: options.email, password: options.password, mode: 'token' }
          : {},
      ),
    });
    if (probe.status === 404) return NOT_DEPLOYED;
    if (!options.email || !options.password) {
      await probe.body?.cancel();
      if (options.requireLogin) fail('sign-in is deployed but SMOKE_EMAIL / SMOKE_PASSWORD are not set');
      return 'skipped: sign-in is deployed but no smoke account is configured (SMOKE_EMAIL / SMOKE_PASSWORD)';
    }
    if (probe.status !== 200 && probe.status !== 204) {
      await probe.body?.cancel();
      fail(`POST /api/auth/login answered ${probe.status} for the smoke account`);
    }
    // Carry the session into the reads below, whichever way the API hands it out.
    const cookies = probe.headers.getSetCookie?.() ?? [];
    if (cookies.length > 0) headers.cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    if ((probe.headers.get('content-type') ?? '').includes('json')) {
      const body = (await probe.json().catch(() => ({}))) as Record<string, unknown>;
      const tokens = body.tokens as Record<string, unknown> | undefined;
      const token = tokens?.accessToken ?? body.accessToken ?? body.token;
      if (typeof token === 'string') headers.authorization = `Bearer ${token}`;
    } else {
      await probe.body?.cancel();
    }
    if (!headers.cookie && !headers.authorization) fail('sign-in succeeded but returned no session or token');
    return 'signed in with the smoke account';
  });

  const readPaths = ['/api/overview', '/api/overview/filters', ...(options.extraPaths ?? [])];
  for (const path of readPaths) {
    await check(`read ${path}`, async () => {
      const response = await request(path);
      if (response.status !== 200) {
        await response.body?.cancel();
        fail(`${path} answered ${response.status}`);
      }
      const body = await json(response, path);
      if (body === null || typeof body !== 'object') fail(`${path} answered no JSON object`);
      return `200, ${Object.keys(body as object).length} fields`;
    });
  }

  await check('openapi', async () => {
    const response = await request('/api/docs/json');
    if (response.status !== 200) fail(`/api/docs/json answered ${response.status}`);
    const doc = (await json(response, '/api/docs/json')) as {
      openapi?: string;
      paths?: Record<string, unknown>;
    };
    if (!doc.openapi?.startsWith('3.')) fail(`/api/docs/json is not an OpenAPI 3 document`);
    const missing = ['/api/health', '/api/status', ...readPaths].filter((p) => !doc.paths?.[p]);
    if (missing.length) fail(`OpenAPI document lacks ${missing.join(', ')}`);
    return `OpenAPI ${doc.openapi}, ${Object.keys(doc.paths ?? {}).length} paths`;
  });

  await check('metrics', async () => {
    const metricsHeaders: Record<string, string> = { accept: 'text/plain' };
    if (options.metricsToken) metricsHeaders.authorization = `Bearer ${options.metricsToken}`;
    const response = await request('/api/metrics', { headers: metricsHeaders });
    if (response.status === 404) {
      await response.body?.cancel();
      return NOT_DEPLOYED;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      fail(
        `/api/metrics answered ${response.status}${response.status === 401 || response.status === 403 ? ' (set METRICS_TOKEN for the smoke run)' : ''}`,
      );
    }
    const text = await response.text();
    if (!/^# (HELP|TYPE) /m.test(text)) fail('/api/metrics is not in the Prometheus text format');
    return `${text.split('\n').filter((l) => l && !l.startsWith('#')).length} samples`;
  });

  return results;
}

export function formatResults(results: CheckResult[]): string {
  const lines = results.map(
    (r) =>
      `${r.outcome === 'pass' ? 'ok  ' : r.outcome === 'skip' ? 'skip' : 'FAIL'}  ${r.name.padEnd(26)} ${r.detail} (${r.ms} ms)`,
  );
  const count = (o: CheckOutcome) => results.filter((r) => r.outcome === o).length;
  const verdict = count('fail') === 0 ? 'ok' : 'FAILED';
  lines.push(
    `smoke ${verdict}: ${count('pass')} checks passing, ${count('skip')} skipped, ${count('fail')} failing`,
  );
  return `${lines.join('\n')}\n`;
}
