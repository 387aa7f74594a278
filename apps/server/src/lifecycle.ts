import { type AppConfig, ConfigError, loadConfig, type ProcessRole } from './platform/config/load-config';
import { createLogger, type Logger } from './platform/logger';
import { runFatalExitHooks } from './platform/telemetry/fatal-exit';

export interface RunningProcess {
  stop(): Promise<void>;
}

/**
 * Common start-up and shutdown for every process: configuration read once (every problem listed,
 * exit 1), JSON logs with secrets scrubbed, and a graceful stop on SIGTERM/SIGINT that must finish
 * within SHUTDOWN_TIMEOUT_MS or the process exits non-zero.
 */
export async function runProcess(
  role: ProcessRole,
  start: (config: AppConfig, logger: Logger) => Promise<RunningProcess>,
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(role);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Cannot start the ${role} process.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secretValues: config.secretValues,
    base: { service: `sentia-${role}`, env: config.NODE_ENV },
  });
  for (const warning of config.warnings) logger.warn(warning);

  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception; exiting');
    // After every listener (Sentry's captures the error), send queued reports, then exit.
    setImmediate(() => void runFatalExitHooks(2_000).finally(() => process.exit(1)));
  });

  let running: RunningProcess;
  try {
    running = await start(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, `the ${role} process failed to start`);
    process.exit(1);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new work, finishing what is in flight');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    running
      .stop()
      .then(() => {
        logger.info('stopped cleanly');
        logger.flush?.();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
