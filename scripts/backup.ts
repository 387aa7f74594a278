/**
 * `npm run backup -- --env <environment> --store <dir | s3://bucket/prefix> [options]`
 * Takes a backup of PostgreSQL (pg_dump custom format), Redis (RDB snapshot) and/or the uploads
 * directory, stores each as a checksummed set, then prunes sets past the environment's retention.
 * See docs/backup-and-recovery.md.
 */
import { parseArgs, runMain, UsageError } from './lib/args';
import { createBackup, listBackups, pruneBackups } from './lib/backup/backup-sets';
import { openStore } from './lib/backup/open-store';
import {
  BACKUP_COMPONENTS,
  BACKUP_POLICY,
  type BackupComponent,
  isBackupComponent,
  isBackupEnvironment,
} from './lib/backup/policy';

const USAGE = `Usage: npm run backup -- --env <development|test|production> --store <dir|s3://bucket/prefix>
  --components <list>   postgres,redis,uploads (default: postgres, plus redis/uploads when their source is set)
  --database-url <url>  PostgreSQL to dump (default: $DATABASE_URL)
  --redis-url <url>     Redis to snapshot (default: $REDIS_URL)
  --uploads-dir <dir>   uploads directory to archive (default: $UPLOADS_DIR)
  --no-prune            keep expired sets (pruning follows the environment's retention by default)
  --prune-only          only prune, take no backup
  --list                list the stored sets and exit
S3 stores read S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (or AWS_*), S3_FORCE_PATH_STYLE.
`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    values: ['env', 'store', 'components', 'database-url', 'redis-url', 'uploads-dir'],
    flags: ['no-prune', 'prune-only', 'list'],
  });
  const environment = args.values.env;
  if (!environment || !isBackupEnvironment(environment))
    throw new UsageError('--env must be development, test or production');
  if (!args.values.store) throw new UsageError('--store is required');
  const store = openStore(args.values.store);
  const sources = {
    databaseUrl: args.values['database-url'] ?? process.env.DATABASE_URL,
    redisUrl: args.values['redis-url'] ?? process.env.REDIS_URL,
    uploadsDir: args.values['uploads-dir'] ?? process.env.UPLOADS_DIR,
  };
  let components: BackupComponent[];
  if (args.values.components) {
    const names = args.values.components.split(',').map((c) => c.trim());
    const unknown = names.filter((c) => !isBackupComponent(c));
    if (unknown.length > 0) throw new UsageError(`unknown component(s): ${unknown.join(', ')}`);
    components = names as BackupComponent[];
  } else {
    components = BACKUP_COMPONENTS.filter(
      (c) =>
        c === 'postgres' || (c === 'redis' && sources.redisUrl) || (c === 'uploads' && sources.uploadsDir),
    );
  }

  if (args.flags.has('list')) {
    for (const component of BACKUP_COMPONENTS) {
      for (const set of await listBackups(store, environment, component)) {
        const bytes = set.manifest.files.reduce((sum, f) => sum + f.bytes, 0);
        process.stdout.write(`${set.key}\t${bytes} bytes\t${set.manifest.createdAt}\n`);
      }
    }
    return 0;
  }

  process.stdout.write(`backing up ${environment} to ${store.description}\n`);
  let failures = 0;
  for (const component of components) {
    if (!args.flags.has('prune-only')) {
      try {
        const set = await createBackup({ store, environment, component, sources });
        const summary = set.manifest.files
          .map((f) => `${f.name} ${f.bytes} bytes sha256=${f.sha256}`)
          .join(', ');
        process.stdout.write(`  ${component}: stored ${set.key} (${summary})\n`);
      } catch (error) {
        failures++;
        process.stderr.write(
          `  ${component}: FAILED: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        continue; // never prune after a failed backup: the old sets may be all there is
      }
    }
    if (!args.flags.has('no-prune')) {
      const rule = BACKUP_POLICY[environment][component];
      const removed = await pruneBackups({ store, environment, component, rule });
      process.stdout.write(
        `  ${component}: retention ${rule.retentionHours} h (keep at least ${rule.keepAtLeast}): pruned ${removed.length}${removed.length ? ` (${removed.join(', ')})` : ''}\n`,
      );
    }
  }
  return failures === 0 ? 0 : 1;
}

runMain(main, USAGE);
