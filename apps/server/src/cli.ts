/** `npm run cli -- <command>`: operational commands (migrations, demo data). */
import { migratePostgres } from '@sentia/db';
import { openContext } from './context';
import { readBuildInfo } from './platform/build-info';
import { loadConfig } from './platform/config/load-config';
import { createLogger } from './platform/logger';

const USAGE = `Usage: npm run cli -- <command>
  db migrate     apply pending SQL migrations (PostgreSQL from DATABASE_URL, or the embedded database)
`;

async function main(argv: string[]): Promise<number> {
  const [area, verb] = argv;
  const config = loadConfig('embedded');
  const logger = createLogger({ level: config.LOG_LEVEL, secretValues: config.secretValues });
  if (area === 'db' && verb === 'migrate') {
    if (config.DATABASE_URL) {
      await migratePostgres(config.DATABASE_URL);
    } else {
      const opened = await openContext(config, logger, readBuildInfo(config));
      await opened.close();
    }
    logger.info('migrations applied');
    return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
