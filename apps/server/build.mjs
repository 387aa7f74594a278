// Bundles the server's entry points with esbuild: workspace packages (@sentia/*) are compiled in,
// npm dependencies stay external and load from node_modules. Writes build-info.json beside them.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('./dist/', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;

const externalDependencies = {
  name: 'external-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@sentia/') ? undefined : { external: true },
    );
  },
};

await build({
  entryPoints: [
    'src/main.ts',
    'src/web.ts',
    'src/worker.ts',
    'src/cli.ts',
    // Worker-thread entry the forecast runner starts (dist/features/forecasts/fit-worker.js).
    'src/features/forecasts/fit-worker.ts',
  ].map((p) => new URL(p, import.meta.url).pathname),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [externalDependencies],
  logLevel: 'warning',
});

let commit = null;
try {
  commit = execSync('git rev-parse HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
} catch {
  commit = null;
}
const version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;
mkdirSync(outdir, { recursive: true });
writeFileSync(
  `${outdir}build-info.json`,
  JSON.stringify({ version, commit, builtAt: new Date().toISOString() }),
);
