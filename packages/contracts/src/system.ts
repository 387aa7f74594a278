import { z } from 'zod';

export const healthResponse = z.object({ status: z.literal('ok') });

export const dependencyState = z.object({
  name: z.string(),
  state: z.enum(['up', 'down', 'degraded', 'not_configured']),
  required: z.boolean(),
  latencyMs: z.number().nullable(),
  detail: z.string().optional(),
});
export type DependencyState = z.infer<typeof dependencyState>;

export const statusResponse = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  version: z.string(),
  commit: z.string().nullable(),
  environment: z.string(),
  mode: z.enum(['embedded', 'server']),
  role: z.enum(['embedded', 'web', 'worker']),
  uptimeSeconds: z.number(),
  maintenance: z.boolean(),
  dependencies: z.array(dependencyState),
});
export type StatusResponse = z.infer<typeof statusResponse>;
