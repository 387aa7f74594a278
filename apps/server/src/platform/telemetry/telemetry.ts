import type { Logger } from '../logger';
import { createSentryReporter, type ErrorReporter, NO_ERROR_REPORTER } from './error-reporter';
import { beforeFatalExit } from './fatal-exit';
import { createTracing, NO_TRACING, type Tracing } from './tracing';

export interface TelemetrySettings {
  SENTRY_DSN?: string | undefined;
  TELEMETRY_KEY?: string | undefined;
  NEW_RELIC_LICENSE_KEY?: string | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  NODE_ENV: string;
  secretValues: readonly string[];
}

/**
 * Error reporting and tracing of one process. Both start as no-ops and are switched on by start()
 * when their keys are set, so nothing is loaded or sent otherwise.
 */
export class Telemetry {
  errors: ErrorReporter = NO_ERROR_REPORTER;
  tracing: Tracing = NO_TRACING;
  private removeFatalHook: (() => void) | null = null;

  async start(settings: TelemetrySettings, info: { service: string; version: string }, logger: Logger) {
    if (settings.SENTRY_DSN) {
      this.errors = await createSentryReporter({
        dsn: settings.SENTRY_DSN,
        release: info.version,
        environment: settings.NODE_ENV,
        secretValues: settings.secretValues,
        logger,
      });
    }
    this.tracing = await createTracing({
      telemetryKey: settings.TELEMETRY_KEY,
      newRelicLicenseKey: settings.NEW_RELIC_LICENSE_KEY,
      endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: info.service,
      version: info.version,
      environment: settings.NODE_ENV,
      logger,
    });
    if (this.errors.enabled || this.tracing.enabled) {
      this.removeFatalHook = beforeFatalExit((ms) => this.flush(ms));
    }
  }

  async flush(timeoutMs = 2_000): Promise<void> {
    await Promise.allSettled([this.errors.flush(timeoutMs), this.tracing.flush()]);
  }

  async close(): Promise<void> {
    this.removeFatalHook?.();
    await this.errors.flush(2_000).catch(() => {});
    await this.tracing.shutdown().catch(() => {});
  }
}
