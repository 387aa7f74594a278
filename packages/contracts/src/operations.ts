import { z } from 'zod';

/** Product features that can be switched off (FEATURE_* defaults, run-time overrides by an admin). */
export const featureKey = z.enum(['forecasting', 'optimization', 'workingCapital']);
export type FeatureKey = z.infer<typeof featureKey>;
export const FEATURE_KEYS = featureKey.options;

/** What a signed-in user may see: each feature on or off (GET /api/features). */
export const featuresResponse = z.object({
  features: z.object({ forecasting: z.boolean(), optimization: z.boolean(), workingCapital: z.boolean() }),
});
export type FeaturesResponse = z.infer<typeof featuresResponse>;

export const featureFlagView = z.object({
  key: featureKey,
  label: z.string(),
  /** From FEATURE_FORECASTING / FEATURE_OPTIMIZATION / FEATURE_WORKING_CAPITAL. */
  default: z.boolean(),
  /** Set by an admin at run time; null when the default applies. */
  override: z.boolean().nullable(),
  enabled: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type FeatureFlagView = z.infer<typeof featureFlagView>;

export const featureFlagsResponse = z.object({ flags: z.array(featureFlagView) });
export type FeatureFlagsResponse = z.infer<typeof featureFlagsResponse>;

/** `enabled: null` removes the override, so the environment's default applies again. */
export const setFeatureFlagBody = z.object({ enabled: z.boolean().nullable() }).strict();

export const alertSeverity = z.enum(['critical', 'warning']);

export const alertRuleView = z.object({
  name: z.string(),
  summary: z.string(),
  severity: alertSeverity,
  /** The condition in words, with its threshold. */
  condition: z.string(),
  threshold: z.number(),
  forSeconds: z.number().int(),
});

export const alertView = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  severity: alertSeverity,
  /** The process it concerns (`web@host:pid`), or `cluster` for shared state such as the queues. */
  instance: z.string(),
  state: z.enum(['firing', 'resolved']),
  value: z.number(),
  threshold: z.number(),
  description: z.string(),
  /** When the condition began to hold (firing waits for the rule's duration). */
  activeSince: z.string(),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertView>;

export const alertsResponse = z.object({
  rules: z.array(alertRuleView),
  firing: z.array(alertView),
  /** Resolved in the last 7 days, newest first (at most 50). */
  recent: z.array(alertView),
  webhookConfigured: z.boolean(),
});
export type AlertsResponse = z.infer<typeof alertsResponse>;

export const queueStatus = z.object({
  queue: z.string(),
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
  oldestWaitingSeconds: z.number().nullable(),
  /** Jobs finished in the last hour (`completed` counts what BullMQ still keeps, up to a day). */
  completedLastHour: z.number().int().optional(),
  /** Workers connected to the queue (the in-process runner counts as one). */
  workers: z.number().int().optional(),
});
export type QueueStatus = z.infer<typeof queueStatus>;

export const queuesStatusResponse = z.object({
  kind: z.enum(['bullmq', 'in-process']),
  state: z.enum(['ok', 'backlog', 'down']),
  queues: z.array(queueStatus),
  detail: z.string().optional(),
  /** The admin queue board (retry, clean); null for the in-process runner, which has none. */
  board: z.string().nullable().optional(),
});
export type QueuesStatusResponse = z.infer<typeof queuesStatusResponse>;

export const connectorSync = z.object({
  connector: z.string(),
  lastRunAt: z.string(),
  lastStatus: z.enum(['running', 'succeeded', 'failed']),
  lastSuccessAt: z.string().nullable(),
  recordsWritten: z.number().int(),
  recordsRejected: z.number().int(),
  error: z.string().nullable(),
});
export type ConnectorSync = z.infer<typeof connectorSync>;

export const syncStatusResponse = z.object({ connectors: z.array(connectorSync) });
export type SyncStatusResponse = z.infer<typeof syncStatusResponse>;
