import { type Environment, isAllowed, type Permission } from '@sentia/domain';

/**
 * The deployment's environment as `isAllowed` needs it. Until /api/status has said (or if it says
 * something unexpected) the strictest, production, applies: environment grants such as the
 * developer's `write:development` then allow nothing extra.
 */
export function toEnvironment(value: string | null | undefined): Environment {
  return value === 'development' || value === 'test' ? value : 'production';
}

/**
 * Whether someone with these permission grants may use something that `requires` a permission.
 * Nothing required: everyone signed in. Grants not known yet: no, so nothing is offered that might
 * then be taken away.
 */
export function allows(
  granted: readonly string[] | undefined,
  requires: Permission | undefined,
  environment: Environment,
): boolean {
  if (requires === undefined) return true;
  if (!granted) return false;
  return isAllowed(granted, requires, environment);
}
