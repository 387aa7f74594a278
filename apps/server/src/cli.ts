/** `npm run cli -- <command>`: operational commands (migrations, users, audit reports). */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { migratePostgres, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import { type AppContext, openContext } from './context';
import { buildMonthlyAuditReport } from './features/audit/monthly-report';
import { type Actor, recordAudit } from './features/audit/record-audit';
import { isDemoDataLoaded } from './features/demo/demo-settings';
import { loadDemoDataJob } from './features/demo/jobs';
import { assertPasswordPolicy, hashPassword } from './features/identity/passwords';
import { announceIdentityChange } from './features/identity/principal-cache';
import {
  createUser,
  findUserIdByEmail,
  listUsers,
  setUserDisabled,
  setUserRole,
} from './features/users/manage-users';
import { readBuildInfo } from './platform/build-info';
import { type AppConfig, loadConfig } from './platform/config/load-config';
import { executeJob } from './platform/jobs/execute-job';
import type { JobDefinition } from './platform/jobs/job-definition';
import { createLogger, type Logger } from './platform/logger';
import { startJobWorker } from './start-job-worker';

const USAGE = `Usage: npm run cli -- <command>
  db migrate                                   apply pending SQL migrations
  db seed                                      load the labelled demo data set (once) and refresh analytics
  users list                                   list users with role and state
  users create --email E --name N --role R [--password P] [--clerk-id ID]
                                               create a user (a password is generated when none is given)
  users set-role --email E --role R            change a user's role
  users set-password --email E [--password P]  set a new password (generated when none is given)
  users disable --email E | users enable --email E
  audit report --month YYYY-MM                 print the monthly audit report (Markdown)
`;

const CLI_ACTOR: Actor = { userId: null, label: `cli:${os.userInfo().username}` };

async function main(argv: string[]): Promise<number> {
  const [area, verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      'clerk-id': { type: 'string' },
      month: { type: 'string' },
    },
    strict: true,
  });
  if (area === 'db' && verb === 'migrate' && process.env.DATABASE_URL) {
    // Migrating PostgreSQL needs only the database URL, not the signing secrets.
    await migratePostgres(process.env.DATABASE_URL);
    process.stdout.write('Migrations applied.\n');
    return 0;
  }
  const config = loadConfig('embedded');
  const logger = createLogger({ level: 'warn', secretValues: config.secretValues });
  if (area === 'db' && verb === 'migrate') {
    await (await openContext(config, logger, readBuildInfo(config))).close();
    process.stdout.write('Migrations applied to the embedded database.\n');
    return 0;
  }
  if (area === 'db' && verb === 'seed') return seed(config, logger);
  if (area !== 'users' && area !== 'audit') {
    process.stderr.write(USAGE);
    return 2;
  }
  if (config.DATABASE_URL) await migratePostgres(config.DATABASE_URL);
  const opened = await openContext(config, logger, readBuildInfo(config));
  try {
    return await run(opened.ctx, `${area} ${verb}`, values);
  } finally {
    await opened.close();
  }
}

async function run(
  ctx: AppContext,
  command: string,
  values: Record<string, string | undefined>,
): Promise<number> {
  const need = (key: string) => {
    const value = values[key];
    if (!value) throw new Error(`--${key} is required for "${command}"\n\n${USAGE}`);
    return value;
  };
  switch (command) {
    case 'users list': {
      for (const u of await listUsers(ctx.db)) {
        process.stdout.write(
          `${u.email.padEnd(36)} ${u.role.padEnd(10)} ${u.disabled ? 'disabled' : 'active  '} ${u.lastLoginAt ?? 'never signed in'}\n`,
        );
      }
      return 0;
    }
    case 'users create': {
      const password =
        values['clerk-id'] && !values.password ? undefined : (values.password ?? generatedPassword());
      const user = await createUser(ctx.db, CLI_ACTOR, {
        email: need('email'),
        name: values.name ?? need('email'),
        role: need('role'),
        password,
        clerkUserId: values['clerk-id'],
      });
      process.stdout.write(`Created ${user.email} (${user.role}).\n`);
      if (password && !values.password) process.stdout.write(`Password (shown once): ${password}\n`);
      return 0;
    }
    case 'users set-role': {
      const user = await setUserRole(
        ctx.db,
        CLI_ACTOR,
        await findUserIdByEmail(ctx.db, need('email')),
        need('role'),
      );
      await announceIdentityChange(ctx, user.id);
      process.stdout.write(`${user.email} is now ${user.role}.\n`);
      return 0;
    }
    case 'users set-password': {
      const password = values.password ?? generatedPassword();
      assertPasswordPolicy(password);
      const userId = await findUserIdByEmail(ctx.db, need('email'));
      const passwordHash = await hashPassword(password);
      await ctx.db.transaction(async (tx) => {
        await tx
          .update(schema.users)
          .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: sql`now()` })
          .where(eq(schema.users.id, userId));
        await tx
          .update(schema.sessions)
          .set({ revokedAt: sql`now()` })
          .where(eq(schema.sessions.userId, userId));
        await recordAudit(tx, CLI_ACTOR, {
          action: 'users.password-set',
          targetType: 'user',
          targetId: userId,
        });
      });
      await announceIdentityChange(ctx, userId);
      process.stdout.write(`Password changed; existing sessions ended.\n`);
      if (!values.password) process.stdout.write(`New password (shown once): ${password}\n`);
      return 0;
    }
    case 'users disable':
    case 'users enable': {
      const disabled = command === 'users disable';
      const user = await setUserDisabled(
        ctx.db,
        CLI_ACTOR,
        await findUserIdByEmail(ctx.db, need('email')),
        disabled,
      );
      await announceIdentityChange(ctx, user.id);
      process.stdout.write(`${user.email} is ${user.disabled ? 'disabled (sessions ended)' : 'enabled'}.\n`);
      return 0;
    }
    case 'audit report': {
      process.stdout.write(await buildMonthlyAuditReport(ctx.db, need('month')));
      return 0;
    }
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

async function seed(config: AppConfig, logger: Logger): Promise<number> {
  if (config.DATABASE_URL) await migratePostgres(config.DATABASE_URL);
  const opened = await openContext(config, logger, readBuildInfo(config));
  const worker = await startJobWorker(opened);
  try {
    const { ctx } = opened;
    if (await isDemoDataLoaded(ctx.db)) {
      process.stdout.write('The demo data set is already loaded.\n');
      return 0;
    }
    let lastPercent = -10;
    const result = await executeJob(
      loadDemoDataJob as unknown as JobDefinition<AppContext>,
      { endDate: today() },
      {
        ctx,
        attempt: 1,
        reportProgress: async (p) => {
          if ((p.percent ?? 0) >= lastPercent + 10) {
            lastPercent = p.percent ?? 0;
            process.stdout.write(`  ${lastPercent}% (${p.done}/${p.total} days)\n`);
          }
        },
      },
    );
    process.stdout.write(
      `Demo data loaded: ${JSON.stringify(result.status === 'succeeded' ? result.result : result)}\n`,
    );
    if (opened.inProcessJobs) await opened.inProcessJobs.whenIdle();
    else process.stdout.write('The analytics refresh is queued for the worker.\n');
    return 0;
  } finally {
    await worker.close();
    await opened.close();
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function generatedPassword(): string {
  return randomBytes(15).toString('base64url');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
