import type { Logger } from '../logger';

/** What an error report may carry: identifiers only — no request bodies, headers, emails or secrets. */
export interface ErrorContext {
  requestId?: string;
  userId?: string | null;
  method?: string;
  route?: string;
  job?: string;
  queue?: string;
  attempt?: number;
}

export interface ErrorReporter {
  readonly enabled: boolean;
  capture(error: unknown, context: ErrorContext): void;
  /** Waits until queued reports are sent (before a fatal exit), at most timeoutMs. */
  flush(timeoutMs: number): Promise<void>;
}

export const NO_ERROR_REPORTER: ErrorReporter = {
  enabled: false,
  capture: () => {},
  flush: async () => {},
};

export interface SentryOptions {
  dsn: string;
  release: string;
  environment: string;
  /** Values that must never leave the process (every configured secret). */
  secretValues: readonly string[];
  logger: Logger;
}

const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/gi;

/** Sentry reads the DSN once per process; a second context in the same process reuses it. */
let initialised: Promise<ErrorReporter> | null = null;

/**
 * Error reporting with @sentry/node, loaded only when SENTRY_DSN is set. Unhandled errors (5xx),
 * jobs that failed for good, uncaught exceptions and unhandled rejections are reported with the
 * request id, user id, route or job, and the release. Nothing personal or secret is sent: no
 * default PII, no breadcrumbs, the request reduced to method and path, e-mail addresses and every
 * configured secret value replaced in messages and stack values.
 */
export function createSentryReporter(options: SentryOptions): Promise<ErrorReporter> {
  initialised ??= initialise(options);
  return initialised;
}

async function initialise(options: SentryOptions): Promise<ErrorReporter> {
  const Sentry = await import('@sentry/node');
  const secrets = [...options.secretValues].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const scrub = (text: string | undefined) => {
    if (!text) return text;
    let out = text.replace(EMAIL, '[email]');
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };
  Sentry.initWithoutDefaultIntegrations({
    dsn: options.dsn,
    release: options.release,
    environment: options.environment,
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
    },
    maxBreadcrumbs: 0,
    enableRuntimeChannelInjection: false,
    integrations: [
      Sentry.linkedErrorsIntegration(),
      Sentry.dedupeIntegration(),
      Sentry.nodeContextIntegration(),
      Sentry.onUncaughtExceptionIntegration({ exitEvenIfOtherHandlersAreRegistered: false }),
      Sentry.onUnhandledRejectionIntegration({ mode: 'warn' }),
    ],
    beforeBreadcrumb: () => null,
    beforeSend(event) {
      if (event.request) {
        event.request = {
          method: event.request.method,
          url: event.request.url?.split('?')[0],
        };
      }
      event.user = event.user?.id ? { id: event.user.id } : undefined;
      event.message = scrub(event.message);
      for (const exception of event.exception?.values ?? []) exception.value = scrub(exception.value);
      delete event.extra;
      return event;
    },
  });
  options.logger.info('error reporting to Sentry is on');
  return {
    enabled: true,
    capture(error, context) {
      Sentry.withScope((scope) => {
        if (context.requestId) scope.setTag('request_id', context.requestId);
        if (context.route) scope.setTag('route', context.route);
        if (context.method) scope.setTag('method', context.method);
        if (context.job) scope.setTag('job', context.job);
        if (context.queue) scope.setTag('queue', context.queue);
        if (context.attempt !== undefined) scope.setTag('attempt', String(context.attempt));
        if (context.userId) scope.setUser({ id: context.userId });
        Sentry.captureException(error);
      });
    },
    async flush(timeoutMs) {
      await Sentry.flush(timeoutMs);
    },
  };
}
