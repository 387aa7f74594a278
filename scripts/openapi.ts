/**
 * `npm run openapi -- --url <base> --write|--check [--dir <docs dir>]`
 * Fetches the OpenAPI document the running app serves at /api/docs/json and writes (or checks) the
 * committed API reference: docs/api/openapi.json and the endpoint table in docs/api.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, runMain, UsageError } from './lib/args';
import {
  describeDrift,
  normaliseOpenApi,
  type OpenApiDocument,
  withEndpointTable,
} from './lib/openapi-reference';

const USAGE = `Usage: npm run openapi -- --url <base URL> (--write | --check) [--dir docs]
  --write   regenerate docs/api/openapi.json and the endpoint table in docs/api.md
  --check   exit 1 when they differ from what the running app serves
`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { values: ['url', 'dir'], flags: ['write', 'check'] });
  const url = args.values.url;
  if (!url) throw new UsageError('--url is required');
  if (args.flags.has('write') === args.flags.has('check'))
    throw new UsageError('give exactly one of --write, --check');
  const docsDir = path.resolve(args.values.dir ?? 'docs');
  const jsonFile = path.join(docsDir, 'api', 'openapi.json');
  const markdownFile = path.join(docsDir, 'api.md');

  const response = await fetch(`${url.replace(/\/+$/, '')}/api/docs/json`, {
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`/api/docs/json answered ${response.status}`);
  const live = (await response.json()) as OpenApiDocument;
  if (!live.openapi?.startsWith('3.') || typeof live.paths !== 'object') {
    throw new Error('/api/docs/json is not an OpenAPI 3 document');
  }
  const json = biomeFormat(normaliseOpenApi(live), jsonFile);
  const markdown = biomeFormat(withEndpointTable(await readFile(markdownFile, 'utf8'), live), markdownFile);

  if (args.flags.has('write')) {
    await mkdir(path.dirname(jsonFile), { recursive: true });
    await writeFile(jsonFile, json);
    await writeFile(markdownFile, markdown);
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), jsonFile)} and ${path.relative(process.cwd(), markdownFile)} (${Object.keys(live.paths).length} paths)\n`,
    );
    return 0;
  }
  const committedJson = existsSync(jsonFile) ? await readFile(jsonFile, 'utf8') : '';
  const committedMarkdown = await readFile(markdownFile, 'utf8');
  if (committedJson === json && committedMarkdown === markdown) {
    process.stdout.write(`API reference matches the running app (${Object.keys(live.paths).length} paths)\n`);
    return 0;
  }
  const committed = committedJson ? (JSON.parse(committedJson) as OpenApiDocument) : null;
  process.stderr.write(
    `The API reference in ${path.relative(process.cwd(), docsDir)}/ is out of date:\n${describeDrift(
      committed,
      live,
    )
      .map((l) => `  ${l}`)
      .join('\n')}\nRun: npm run openapi -- --url <running app> --write, and commit the result.\n`,
  );
  return 1;
}

/** Generated files are formatted as `npm run lint` (Biome) wants them, so generated and linted agree. */
function biomeFormat(text: string, file: string): string {
  const biome = path.join(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    'node_modules',
    '.bin',
    'biome',
  );
  const result = spawnSync(biome, ['format', `--stdin-file-path=${file}`], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout;
}

runMain(main, USAGE);
