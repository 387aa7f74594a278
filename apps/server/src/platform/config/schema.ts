import { z } from 'zod';

/**
 * Every environment variable the service reads, in one place. The deployment spec
 * (railway-deployment-configuration.md) names most of them; the rest are what the code needs.
 * Secrets are listed in SECRET_KEYS so the logger can redact their values.
 */

const flag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(url(protocols).optional())
    .optional();

const secret = (minLength: number) =>
  z
    .string()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.string().min(minLength, `must be at least ${minLength} characters`).optional())
    .optional();

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(5000),
  HOST: z.string().default('0.0.0.0'),
  APP_URL: optionalUrl(['http:', 'https:']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  // Database (PostgreSQL). Absent → embedded PGlite under DATA_DIR.
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  DATA_DIR: z.string().default('./data'),

  // Redis. Absent → in-process job runner and in-memory cache (embedded mode only).
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  REDIS_CACHE_TTL: z.coerce.number().int().min(1).default(300),
  /** Redis for the API cache when it is a separate instance (allkeys-lru); REDIS_URL when unset. */
  REDIS_CACHE_URL: optionalUrl(['redis:', 'rediss:']),
  /** Lifetime of expensive computed data in the cache (the spec's 1 hour), seconds. */
  CACHE_COMPUTED_TTL: z.coerce.number().int().min(1).default(3600),
  /** Key prefix of the job queues, so environments sharing one Redis never take each other's jobs. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]{1,32}$/, 'letters, digits, _ and - only (at most 32)')
    .default('sentia'),

  // Authentication
  CLERK_SECRET_KEY: secret(8),
  VITE_CLERK_PUBLISHABLE_KEY: optionalString,
  JWT_ACCESS_SECRET: secret(32),
  JWT_REFRESH_SECRET: secret(32),
  SESSION_SECRET: secret(32),

  /**
   * How long a replica trusts its copy of a signed-in session (user, role, session state) before
   * reading the database again, seconds; revocations and role changes apply at once regardless.
   * 0: read on every request.
   */
  AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** PEM public key of the Clerk instance: Clerk session tokens are then verified offline. */
  CLERK_JWT_KEY: optionalString,
  /** Role given to a Clerk user seen for the first time; unset → such users must be linked by an admin. */
  CLERK_AUTO_PROVISION_ROLE: z.enum(['viewer', 'planner', 'finance', 'manager', 'developer']).optional(),
  /** First administrator, created on the first start when no user exists. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: secret(12),
  /** Comma-separated CIDRs; when set, admin endpoints answer only clients from these networks. */
  ADMIN_IP_ALLOWLIST: optionalString,
  /**
   * Which proxies to trust for X-Forwarded-For/-Proto: "true" (all, e.g. Railway's edge), "false",
   * or comma-separated addresses/CIDRs. Default: trusted in server mode, not in embedded mode.
   */
  TRUST_PROXY: optionalString,
  /** 32-byte key (base64 or hex) encrypting connector credentials at rest (AES-256-GCM). */
  CREDENTIALS_ENCRYPTION_KEY: secret(32),
  /** Bearer token required by GET /api/metrics when set. */
  METRICS_TOKEN: secret(16),
  /** Comma-separated CIDRs allowed to scrape the metrics endpoints without the token. */
  METRICS_ALLOWLIST: optionalString,
  /** Port of the worker's own metrics endpoint (/metrics); 0 switches it off. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Memory limit reported as process_memory_limit_bytes; detected from the cgroup when unset. */
  PROCESS_MEMORY_LIMIT_BYTES: z.coerce.number().int().min(1).optional(),

  // Connector credentials
  AMAZON_CLIENT_SECRET: secret(1),
  /** Amazon SP-API (Login with Amazon) client id, used with AMAZON_CLIENT_SECRET. */
  AMAZON_CLIENT_ID: optionalString,
  /** The seller's LWA refresh tokens, one per SP-API region (Europe; North America). */
  AMAZON_REFRESH_TOKEN_EU: secret(1),
  AMAZON_REFRESH_TOKEN_NA: secret(1),
  /** Marketplaces to sync, as countries or marketplace ids (default UK,DE,US). */
  AMAZON_MARKETPLACES: optionalString,
  SHOPIFY_API_SECRET: secret(1),
  /** Shopify stores per region: the myshopify.com domain and its Admin API access token. */
  SHOPIFY_SHOP_UK: optionalString,
  SHOPIFY_ACCESS_TOKEN_UK: secret(1),
  SHOPIFY_SHOP_EU: optionalString,
  SHOPIFY_ACCESS_TOKEN_EU: secret(1),
  SHOPIFY_SHOP_US: optionalString,
  SHOPIFY_ACCESS_TOKEN_US: secret(1),
  /**
   * A Shopify simulator already running, which the sandbox connection then uses instead of starting
   * one inside each process (one sandbox shared by every worker; fault drills). Sandbox only: real
   * stores are always called at https://{domain}.
   */
  SHOPIFY_SANDBOX_URL: optionalUrl(['http:', 'https:']),
  UNLEASHED_API_KEY: secret(1),
  /** Unleashed API id (the GUID sent as api-auth-id), used with UNLEASHED_API_KEY. */
  UNLEASHED_API_ID: optionalString,
  XERO_CLIENT_SECRET: secret(1),
  /** Xero app client id, used with XERO_CLIENT_SECRET. */
  XERO_CLIENT_ID: optionalString,
  /** Xero webhook key: verifies the x-xero-signature of deliveries to /api/webhooks/xero. */
  XERO_WEBHOOK_KEY: secret(1),

  // Monitoring
  SENTRY_DSN: optionalUrl(['http:', 'https:']),
  TELEMETRY_KEY: secret(1),
  NEW_RELIC_LICENSE_KEY: secret(1),
  /** OTLP/HTTP endpoint for traces (TELEMETRY_KEY); New Relic's when only NEW_RELIC_LICENSE_KEY is set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(['http:', 'https:']),
  /** Slack-compatible incoming webhook notified when an in-product alert fires or resolves. */
  ALERT_WEBHOOK_URL: optionalUrl(['http:', 'https:']),

  // Features and operations
  FEATURE_FORECASTING: flag(true),
  FEATURE_OPTIMIZATION: flag(true),
  FEATURE_WORKING_CAPITAL: flag(true),
  /** Worker threads a forecast run fits on; all cores but one when unset. */
  FORECAST_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Daily time (UTC, HH:MM) of the forecast schedule's check for finished periods, or "off". */
  FORECAST_SCHEDULE: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'HH:MM (UTC) or "off"')
    .default('02:30'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * How long a worker's lock on a running job lasts unless renewed (it renews at half that). The
   * jobs of a worker that died (crash, SIGKILL, lost node) go back to the queue within one to two
   * of these, and another worker resumes them.
   */
  WORKER_LOCK_MS: z.coerce.number().int().min(2_000).max(600_000).default(30_000),
  MAINTENANCE_MODE: flag(false),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),

  // Release information (set by the build or the platform).
  APP_VERSION: optionalString,
  GIT_COMMIT: optionalString,
  RAILWAY_GIT_COMMIT_SHA: optionalString,

  // Demo data: loaded on the first embedded start unless switched off.
  DEMO_DATA: flag(true),
});

export type Env = z.infer<typeof envSchema>;

/** Variables whose values must never be printed. */
export const SECRET_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'CLERK_SECRET_KEY',
  'JWT_ACCESS_SECRET',
  'JWT_REFRESH_SECRET',
  'SESSION_SECRET',
  'AMAZON_CLIENT_SECRET',
  'SHOPIFY_API_SECRET',
  'SHOPIFY_ACCESS_TOKEN_UK',
  'SHOPIFY_ACCESS_TOKEN_EU',
  'SHOPIFY_ACCESS_TOKEN_US',
  'AMAZON_REFRESH_TOKEN_EU',
  'AMAZON_REFRESH_TOKEN_NA',
  'UNLEASHED_API_KEY',
  'XERO_CLIENT_SECRET',
  'XERO_WEBHOOK_KEY',
  'SENTRY_DSN',
  'TELEMETRY_KEY',
  'NEW_RELIC_LICENSE_KEY',
  'ADMIN_PASSWORD',
  'CREDENTIALS_ENCRYPTION_KEY',
  'METRICS_TOKEN',
  'REDIS_CACHE_URL',
  'ALERT_WEBHOOK_URL',
] as const satisfies readonly (keyof Env)[];

/** Secrets the platform itself signs with; generated and kept under DATA_DIR in embedded mode. */
export const GENERATED_SECRET_KEYS = [
  'JWT_ACCESS_SECRET',
  'JWT_REFRESH_SECRET',
  'SESSION_SECRET',
  'CREDENTIALS_ENCRYPTION_KEY',
] as const;

/** What a production deployment cannot run without. */
export const PRODUCTION_REQUIRED_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'APP_URL',
  ...GENERATED_SECRET_KEYS,
] as const satisfies readonly (keyof Env)[];
