/** CCC thresholds in days (settings): at or under target is good, from critical up is critical. */
export interface CccThresholds {
  target: number;
  warning: number;
  critical: number;
}

export type CccStatus = 'on-target' | 'above-target' | 'warning' | 'critical' | 'n/a';

/**
 * ≤ target → on-target; between target and warning → above-target; ≥ warning → warning;
 * ≥ critical → critical; no CCC (a month without revenue or COGS) → n/a.
 */
export function cccStatus(ccc: number | null, thresholds: CccThresholds): CccStatus {
  if (ccc === null || !Number.isFinite(ccc)) return 'n/a';
  if (ccc >= thresholds.critical) return 'critical';
  if (ccc >= thresholds.warning) return 'warning';
  if (ccc > thresholds.target) return 'above-target';
  return 'on-target';
}

export interface WorkingCapitalAlert {
  kind: 'ccc-rise' | 'ccc-threshold' | 'cash-breach';
  severity: 'warning' | 'critical';
  /** The month (first day) or day the alert is about. */
  date: string;
  message: string;
}

/** One month's CCC, oldest first. */
export interface MonthlyCcc {
  month: string;
  ccc: number | null;
}

/**
 * Alerts on the CCC: a month-on-month rise of more than `riseThresholdDays` (only between two
 * months that both have a CCC), and the latest month at warning or critical.
 */
export function cccAlerts(
  months: readonly MonthlyCcc[],
  thresholds: CccThresholds,
  riseThresholdDays: number,
): WorkingCapitalAlert[] {
  const alerts: WorkingCapitalAlert[] = [];
  for (let i = 1; i < months.length; i++) {
    const before = months[i - 1]!;
    const now = months[i]!;
    if (before.ccc === null || now.ccc === null) continue;
    const rise = now.ccc - before.ccc;
    if (rise > riseThresholdDays) {
      alerts.push({
        kind: 'ccc-rise',
        severity: cccStatus(now.ccc, thresholds) === 'critical' ? 'critical' : 'warning',
        date: now.month,
        message: `CCC rose ${rise.toFixed(1)} days month on month (${before.ccc.toFixed(1)} → ${now.ccc.toFixed(1)}), more than the ${riseThresholdDays}-day alert threshold.`,
      });
    }
  }
  const latest = months[months.length - 1];
  if (latest && latest.ccc !== null) {
    const status = cccStatus(latest.ccc, thresholds);
    if (status === 'warning' || status === 'critical') {
      alerts.push({
        kind: 'ccc-threshold',
        severity: status,
        date: latest.month,
        message: `CCC is ${latest.ccc.toFixed(1)} days, at or above the ${status} level of ${status === 'critical' ? thresholds.critical : thresholds.warning} days.`,
      });
    }
  }
  return alerts;
}
