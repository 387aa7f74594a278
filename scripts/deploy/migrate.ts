/**
 * `npm run deploy:migrate`: applies pending SQL migrations (packages/db/migrations) to DATABASE_URL —
 * the deploy pipeline's migration step. It needs only the database URL, unlike the app's
 * `cli.js db migrate`, which loads the whole server configuration (signing secrets and all): the
 * pipeline should hold no more secrets than its job needs. Same migrations, same advisory lock.
 */
import { migratePostgres } from '@sentia/db';
import { runMain, UsageError } from '../lib/args';
import { redact } from '../lib/backup/components';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new UsageError('DATABASE_URL is not set');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('DATABASE_URL must be a postgres:// URL');
  const started = performance.now();
  try {
    await migratePostgres(url);
  } catch (error) {
    throw new Error(redact(error instanceof Error ? error.message : String(error)));
  }
  process.stdout.write(`migrations applied (${Math.round(performance.now() - started)} ms)\n`);
  return 0;
}

runMain(main, 'Usage: npm run deploy:migrate   (DATABASE_URL: the direct postgres:// URL of the database)\n');
