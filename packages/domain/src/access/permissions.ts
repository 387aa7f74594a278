/**
 * Permissions are strings `action:resource`. A grant may use `*` for the action, the resource or
 * both (`*`, `read:*`). The deployment spec's roles are admin (`*`), developer (`read:*`,
 * `write:development`, `write:test`) and viewer (`read:*`); the business roles add what a
 * manufacturer needs (see the roles table).
 */
export const PERMISSIONS = [
  'read:overview',
  'read:system',
  'read:sessions',
  'read:connections',
  'read:inventory',
  'read:purchasing',
  'read:production',
  'read:forecasts',
  'read:working-capital',
  'write:forecasts',
  'write:inventory',
  'write:production',
  'read:imports',
  'write:imports',
  'write:scenarios',
  'write:working-capital',
  'write:connectors',
  'approve:purchase-orders',
  'export:data',
  'admin:users',
  'admin:audit',
  'admin:settings',
  'admin:maintenance',
  'admin:queues',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Environment = 'development' | 'test' | 'production';

/**
 * Whether the granted permissions allow `required` in the given environment. `write:development`
 * and `write:test` are environment grants: they allow every write in that environment only (the
 * spec's developer role may change development and test, never production).
 */
export function isAllowed(
  granted: readonly string[],
  required: Permission,
  environment: Environment,
): boolean {
  const [action, resource] = splitPermission(required);
  for (const grant of granted) {
    if (grant === '*') return true;
    const [grantAction, grantResource] = splitPermission(grant);
    if (grantAction === 'write' && (grantResource === 'development' || grantResource === 'test')) {
      if (action === 'write' && grantResource === environment) return true;
      continue;
    }
    if (
      (grantAction === '*' || grantAction === action) &&
      (grantResource === '*' || grantResource === resource)
    ) {
      return true;
    }
  }
  return false;
}

function splitPermission(permission: string): [string, string] {
  const index = permission.indexOf(':');
  return index < 0 ? [permission, ''] : [permission.slice(0, index), permission.slice(index + 1)];
}
