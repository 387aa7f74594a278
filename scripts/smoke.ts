/**
 * `npm run smoke -- --url <base>`: the post-deploy checks the deploy pipeline runs — health, status ok,
 * sign-in with the smoke account, a read of each main page's API, the OpenAPI document and metrics.
 * Exit 0 when nothing failed. See docs/ci-cd.md.
 */
import { parseArgs, runMain, UsageError } from './lib/args';
import { formatResults, runSmoke } from './lib/smoke';

const USAGE = `Usage: npm run smoke -- --url <base URL> [--wait <seconds>] [--require-login] [--path /api/…]
  Smoke account from SMOKE_EMAIL and SMOKE_PASSWORD (sign-in is skipped while the API has no sign-in);
  METRICS_TOKEN is sent to /api/metrics when set.
  --wait <s>         wait up to s seconds for /api/health first (a deployment still starting)
  --require-login    fail when sign-in exists but no smoke account is configured
  --path <p>         one more GET path that must answer 200 with JSON
`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    values: ['url', 'wait', 'path', 'timeout'],
    flags: ['require-login'],
  });
  const url = args.values.url ?? process.env.SMOKE_URL;
  if (!url) throw new UsageError('--url is required');
  if (!/^https?:\/\//.test(url)) throw new UsageError('--url must start with http:// or https://');
  const results = await runSmoke({
    baseUrl: url,
    email: process.env.SMOKE_EMAIL,
    password: process.env.SMOKE_PASSWORD,
    requireLogin: args.flags.has('require-login'),
    metricsToken: process.env.METRICS_TOKEN,
    waitSeconds: args.values.wait ? Number(args.values.wait) : 0,
    timeoutMs: args.values.timeout ? Number(args.values.timeout) * 1000 : 10_000,
    extraPaths: args.values.path ? [args.values.path] : [],
  });
  process.stdout.write(`smoke checks against ${url}\n${formatResults(results)}`);
  return results.some((r) => r.outcome === 'fail') ? 1 : 0;
}

runMain(main, USAGE);
