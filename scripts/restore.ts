/**
 * `npm run restore -- --store <dir | s3://…> --set <environment/component/stamp | latest> [targets]`
 * Downloads one backup set, verifies every file's SHA-256 against its manifest, then restores it:
 * PostgreSQL with pg_restore (one transaction, stops at the first error), Redis by checking the RDB
 * loads and placing it in a data directory, uploads by extracting into an empty directory.
 * See docs/backup-and-recovery.md.
 */
import { parseArgs, runMain, UsageError } from './lib/args';
import { listBackups, restoreBackup } from './lib/backup/backup-sets';
import { openStore } from './lib/backup/open-store';
import { isBackupComponent, isBackupEnvironment } from './lib/backup/policy';

const USAGE = `Usage: npm run restore -- --store <dir|s3://bucket/prefix> --set <env/component/stamp>
       npm run restore -- --store <…> --env <env> --component <postgres|redis|uploads> --latest
  --database-url <url>     PostgreSQL to restore into (default: $RESTORE_DATABASE_URL; never $DATABASE_URL implicitly)
  --redis-data-dir <dir>   where to place dump.rdb (a stopped Redis's data directory); omit to only verify
  --uploads-dir <dir>      empty directory to extract uploads into
  --force                  extract uploads into a non-empty directory
`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    values: ['store', 'set', 'env', 'component', 'database-url', 'redis-data-dir', 'uploads-dir'],
    flags: ['latest', 'force'],
  });
  if (!args.values.store) throw new UsageError('--store is required');
  const store = openStore(args.values.store);
  let setKey = args.values.set;
  if (!setKey) {
    const { env, component } = args.values;
    if (!args.flags.has('latest') || !env || !component) {
      throw new UsageError('give --set, or --env, --component and --latest');
    }
    if (!isBackupEnvironment(env) || !isBackupComponent(component))
      throw new UsageError('bad --env or --component');
    const sets = await listBackups(store, env, component);
    const latest = sets.at(-1);
    if (!latest) throw new Error(`no complete ${env}/${component} backup in ${store.description}`);
    setKey = latest.key;
  }
  if (!/^(development|test|production)\/(postgres|redis|uploads)\/\d{8}T\d{6}Z$/.test(setKey)) {
    throw new UsageError(`--set must look like production/postgres/20250101T120000Z, got ${setKey}`);
  }
  // Restoring over a database is destructive: the target must be named explicitly.
  const databaseUrl = args.values['database-url'] ?? process.env.RESTORE_DATABASE_URL;
  const message = await restoreBackup({
    store,
    setKey,
    targets: {
      databaseUrl,
      redisDataDir: args.values['redis-data-dir'],
      uploadsDir: args.values['uploads-dir'],
      force: args.flags.has('force'),
    },
  });
  process.stdout.write(`${message}\n`);
  return 0;
}

runMain(main, USAGE);
