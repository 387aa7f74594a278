import { z } from 'zod';

/** Administration (`/api/admin/*`): users and roles, the audit log, maintenance mode. */

export const adminUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  disabled: z.boolean(),
  clerkUserId: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUser>;

export const adminUsersResponse = z.object({ users: z.array(adminUser) });
export type AdminUsersResponse = z.infer<typeof adminUsersResponse>;

export const roleView = z.object({
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
});
export type RoleView = z.infer<typeof roleView>;

export const rolesResponse = z.object({ roles: z.array(roleView) });
export type RolesResponse = z.infer<typeof rolesResponse>;

/** A user signs in with a password, or is linked to a Clerk user (or both). */
export const createUserRequest = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200),
    role: z.string().min(1).max(50),
    password: z.string().min(1).max(1024).optional(),
    clerkUserId: z.string().min(1).max(200).optional(),
  })
  .strict();
export type CreateUserRequest = z.input<typeof createUserRequest>;

export const userParams = z.object({ id: z.uuid() });

/** Change the role, or disable / enable (disabling ends the user's sessions). */
export const updateUserRequest = z
  .object({ role: z.string().min(1).max(50).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined, {
    message: 'give role or disabled',
  });
export type UpdateUserRequest = z.input<typeof updateUserRequest>;

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** Newest first; `before` is the keyset cursor (the `nextBefore` of the previous page). */
export const auditQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  actor: z.string().max(254).optional(),
  action: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditQuery = z.input<typeof auditQuery>;

export const auditPage = z.object({
  entries: z.array(auditEntry),
  /** Pass as `before` for the next (older) page; null when this page is the last. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPage>;

export const maintenanceState = z.object({
  enabled: z.boolean(),
  message: z.string().nullable(),
  /** `environment`: MAINTENANCE_MODE=true, which a run-time switch cannot override. */
  source: z.enum(['environment', 'setting', 'off']),
  updatedAt: z.string().nullable(),
});
export type MaintenanceState = z.infer<typeof maintenanceState>;

export const maintenanceRequest = z
  .object({ enabled: z.boolean(), message: z.string().trim().max(500).nullable().default(null) })
  .strict();
export type MaintenanceRequest = z.input<typeof maintenanceRequest>;
