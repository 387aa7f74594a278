import type { Logger } from '../logger';

export type SpanKind = 'server' | 'internal';

export interface SpanHandle {
  setAttribute(key: string, value: string | number | boolean): void;
  /** Ends the span; an error marks it failed. */
  end(error?: unknown): void;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Where spans go, for the start-up log and the docs ("New Relic", "OTLP https://…"). */
  readonly targets: string[];
  startSpan(name: string, kind: SpanKind, attributes?: Record<string, string | number | boolean>): SpanHandle;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

// OpenTelemetry's enum values (SpanKind.INTERNAL/SERVER, SpanStatusCode.ERROR), fixed by the specification.
const SPAN_KIND_INTERNAL = 0;
const SPAN_KIND_SERVER = 1;
const SPAN_STATUS_ERROR = 2;

const NOOP_SPAN: SpanHandle = { setAttribute: () => {}, end: () => {} };

export const NO_TRACING: Tracing = {
  enabled: false,
  targets: [],
  startSpan: () => NOOP_SPAN,
  flush: async () => {},
  shutdown: async () => {},
};

/** New Relic's OTLP endpoint (US region); EU accounts set OTEL_EXPORTER_OTLP_ENDPOINT=https://otlp.eu01.nr-data.net. */
export const NEW_RELIC_OTLP_ENDPOINT = 'https://otlp.nr-data.net';

export interface TracingOptions {
  /** TELEMETRY_KEY: sent as `Authorization: Bearer` to OTEL_EXPORTER_OTLP_ENDPOINT. */
  telemetryKey?: string | undefined;
  /** NEW_RELIC_LICENSE_KEY: sent as `api-key` to New Relic's OTLP endpoint. */
  newRelicLicenseKey?: string | undefined;
  endpoint?: string | undefined;
  serviceName: string;
  version: string;
  environment: string;
  logger: Logger;
}

interface Target {
  label: string;
  url: string;
  headers: Record<string, string>;
}

/** Which exporters the keys ask for (pure, for tests and the start-up log). */
export function tracingTargets(
  options: Omit<TracingOptions, 'logger' | 'serviceName' | 'version' | 'environment'>,
): {
  targets: Target[];
  problems: string[];
} {
  const targets: Target[] = [];
  const problems: string[] = [];
  const base = options.endpoint?.replace(/\/+$/, '');
  if (options.telemetryKey) {
    if (base) {
      targets.push({
        label: `OTLP ${base}`,
        url: `${base}/v1/traces`,
        headers: { authorization: `Bearer ${options.telemetryKey}` },
      });
    } else {
      problems.push('TELEMETRY_KEY is set but OTEL_EXPORTER_OTLP_ENDPOINT is not: traces are not exported');
    }
  }
  if (options.newRelicLicenseKey) {
    // With both keys the endpoint belongs to TELEMETRY_KEY; New Relic then uses its own.
    const newRelicBase = options.telemetryKey ? NEW_RELIC_OTLP_ENDPOINT : (base ?? NEW_RELIC_OTLP_ENDPOINT);
    targets.push({
      label: `New Relic ${newRelicBase}`,
      url: `${newRelicBase}/v1/traces`,
      headers: { 'api-key': options.newRelicLicenseKey },
    });
  }
  return { targets, problems };
}

/**
 * Traces over OpenTelemetry (OTLP/HTTP), loaded only when TELEMETRY_KEY or NEW_RELIC_LICENSE_KEY is
 * set. New Relic ingests OTLP natively with the licence key as `api-key`, so no agent is preloaded.
 * Spans are made explicitly for each HTTP request (named by route pattern) and each job attempt,
 * which works in the bundled build where module monkey-patching would not. The provider is private
 * to the process (not the global one), so it never competes with Sentry.
 */
export async function createTracing(options: TracingOptions): Promise<Tracing> {
  const { targets, problems } = tracingTargets(options);
  for (const problem of problems) options.logger.warn(problem);
  if (targets.length === 0) return NO_TRACING;
  const [{ TracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      'service.version': options.version,
      'deployment.environment.name': options.environment,
    }),
    spanProcessors: targets.map(
      (t) =>
        new BatchSpanProcessor({
          exporter: new OTLPTraceExporter({ url: t.url, headers: t.headers, timeoutMillis: 10_000 }),
          scheduledDelayMillis: 5_000,
        }),
    ),
  });
  const tracer = provider.getTracer('sentia', options.version);
  options.logger.info({ targets: targets.map((t) => t.label) }, 'exporting traces over OpenTelemetry');
  return {
    enabled: true,
    targets: targets.map((t) => t.label),
    startSpan(name, kind, attributes) {
      const span = tracer.startSpan(name, {
        kind: kind === 'server' ? SPAN_KIND_SERVER : SPAN_KIND_INTERNAL,
        attributes,
      });
      return {
        setAttribute: (key, value) => {
          span.setAttribute(key, value);
        },
        end(error) {
          if (error) {
            span.setStatus({
              code: SPAN_STATUS_ERROR,
              message: error instanceof Error ? error.name : 'error',
            });
          }
          span.end();
        },
      };
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
