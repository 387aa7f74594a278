import { z } from 'zod';

/**
 * Data › Connections: each connector's state, runs and credentials. The page is driven entirely by
 * this list, so a connector added on the server (Unleashed, Xero, …) appears without web changes.
 */
export const connectionState = z.enum(['not_configured', 'configured', 'sandbox']);
export type ConnectionState = z.infer<typeof connectionState>;

export const syncRunStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type SyncRunStatus = z.infer<typeof syncRunStatus>;

export const entityCounts = z.object({
  read: z.number().int(),
  written: z.number().int(),
  rejected: z.number().int(),
  skipped: z.number().int(),
});

export const syncRunView = z.object({
  id: z.string(),
  connector: z.string(),
  mode: z.enum(['full', 'incremental', 'webhook', 'import', 'demo']),
  status: syncRunStatus,
  /** `manual`, `schedule`, `webhook`, or null for runs from before triggers were recorded. */
  trigger: z.string().nullable(),
  requestedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** 0–100 while running (when the connector can tell), 100 when finished. */
  progress: z.number().int().nullable(),
  recordsRead: z.number().int(),
  recordsWritten: z.number().int(),
  recordsRejected: z.number().int(),
  recordsSkipped: z.number().int(),
  error: z.string().nullable(),
  /** Ran against the sandbox simulator: its data is the labelled demo data set. */
  sandbox: z.boolean(),
  entities: z.record(z.string(), entityCounts),
  /** A sample of what was rejected and why (the first few). */
  rejections: z.array(z.object({ entity: z.string(), key: z.string(), reason: z.string() })),
});
export type SyncRunView = z.infer<typeof syncRunView>;

export const connectionView = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  entities: z.array(z.string()),
  state: connectionState,
  /** Where the credentials come from. */
  source: z.enum(['environment', 'app', 'sandbox']).nullable(),
  /** What is connected, or what is missing. */
  detail: z.string(),
  sandboxAvailable: z.boolean(),
  /** Failed three times in a row (shown on /api/status); cleared by the next success. */
  degraded: z.boolean(),
  consecutiveFailures: z.number().int(),
  lastError: z.object({ message: z.string(), at: z.string() }).nullable(),
  lastSuccessAt: z.string().nullable(),
  schedule: z.object({
    label: z.string(),
    everyMs: z.number().int(),
    /** Null when the connector is not scheduled (not configured). */
    nextRunAt: z.string().nullable(),
  }),
  /** The run queued or under way, if any. */
  activeRun: syncRunView.nullable(),
  lastRun: syncRunView.nullable(),
  /** The caller's role may start syncs and change credentials. */
  canManage: z.boolean(),
});
export type ConnectionView = z.infer<typeof connectionView>;

export const connectionsResponse = z.object({
  connections: z.array(connectionView),
  /** How jobs run: separate BullMQ workers, or in this process (embedded mode). */
  runner: z.enum(['bullmq', 'in-process']),
});
export type ConnectionsResponse = z.infer<typeof connectionsResponse>;

export const connectionDetailResponse = z.object({
  connection: connectionView,
  /** Most recent first. */
  runs: z.array(syncRunView),
});
export type ConnectionDetailResponse = z.infer<typeof connectionDetailResponse>;

export const syncRunsResponse = z.object({ runs: z.array(syncRunView) });

export const startSyncBody = z
  .object({ mode: z.enum(['full', 'incremental']).default('incremental') })
  .strict();
export type StartSyncBody = z.input<typeof startSyncBody>;

export const startSyncResponse = z.object({
  run: syncRunView,
  /** A run was already queued or under way: that one is returned instead of a second. */
  alreadyRunning: z.boolean(),
});
export type StartSyncResponse = z.infer<typeof startSyncResponse>;

export const credentialFieldView = z.object({
  key: z.string(),
  label: z.string(),
  secret: z.boolean(),
  env: z.string().nullable(),
  help: z.string().optional(),
  placeholder: z.string().optional(),
  set: z.boolean(),
  source: z.enum(['app', 'environment']).nullable(),
  /** Non-secret values only; secrets are never sent back. */
  value: z.string().nullable(),
});
export type CredentialFieldView = z.infer<typeof credentialFieldView>;

export const credentialsResponse = z.object({ fields: z.array(credentialFieldView) });
export type CredentialsResponse = z.infer<typeof credentialsResponse>;

/** A string replaces the stored value, null removes it, an absent key leaves it as it is. */
export const saveCredentialsBody = z
  .object({ values: z.record(z.string().min(1).max(100), z.string().max(4000).nullable()) })
  .strict();
export type SaveCredentialsBody = z.infer<typeof saveCredentialsBody>;

export const sandboxBody = z.object({ enabled: z.boolean() }).strict();
export type SandboxBody = z.infer<typeof sandboxBody>;
