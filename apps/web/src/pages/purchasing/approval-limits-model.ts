import type { ApprovalLimitsView, ApprovalTierView } from '@sentia/contracts';

/** The API's bound on a limit (£100 bn in pence). */
const MAX_MINOR = 1e13;

/**
 * Pounds typed for an approval limit ("50000", "£50,000", "49 999.99") as whole pence, or what is wrong.
 * Parsed from the digits, never through a float multiplication, so 0.29 is 29p exactly.
 */
export function parsePounds(text: string): { minor: number } | { error: string } {
  const cleaned = text.trim().replace(/^£\s*/, '').replace(/[,\s]/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return { error: 'Enter an amount in pounds, such as 50000' };
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return { error: 'At most £100,000,000,000' };
  return { minor };
}

/** Pence as the pounds an input shows: whole pounds without decimals ("50000"), else two ("49999.50"). */
export function poundsInput(minor: number): string {
  const pounds = Math.floor(minor / 100);
  const pence = minor % 100;
  return pence === 0 ? String(pounds) : `${pounds}.${String(pence).padStart(2, '0')}`;
}

export type LimitsCheck =
  | { limits: ApprovalLimitsView }
  | { errors: { manager?: string | undefined; director?: string | undefined } };

/** Both typed limits, checked as the API checks them (0 ≤ manager ≤ director). */
export function checkLimits(managerText: string, directorText: string): LimitsCheck {
  const manager = parsePounds(managerText);
  const director = parsePounds(directorText);
  if ('error' in manager || 'error' in director) {
    return {
      errors: {
        manager: 'error' in manager ? manager.error : undefined,
        director: 'error' in director ? director.error : undefined,
      },
    };
  }
  if (manager.minor > director.minor) {
    return { errors: { director: 'Must be at least the manager limit' } };
  }
  return { limits: { managerLimitGbpMinor: manager.minor, directorLimitGbpMinor: director.minor } };
}

/** The tier a role approves at, from the tiers the API lists (undefined when it approves nothing). */
export function tierOfRole(
  tiers: readonly ApprovalTierView[],
  role: string | undefined,
): ApprovalTierView | undefined {
  if (role === undefined) return undefined;
  // The highest tier listing the role, should one be listed twice.
  return [...tiers].reverse().find((t) => t.roles.includes(role));
}
