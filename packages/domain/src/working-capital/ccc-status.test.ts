import { describe, expect, it } from 'vitest';
import { cccAlerts, cccStatus } from './ccc-status';

const thresholds = { target: 55, warning: 65, critical: 75 };

describe('cccStatus', () => {
  it.each([
    [40, 'on-target'],
    [55, 'on-target'],
    [55.1, 'above-target'],
    [64.9, 'above-target'],
    [65, 'warning'],
    [74.9, 'warning'],
    [75, 'critical'],
    [null, 'n/a'],
  ] as const)('CCC %s days is %s', (ccc, status) => {
    expect(cccStatus(ccc, thresholds)).toBe(status);
  });
});

describe('cccAlerts', () => {
  it('alerts on a month-on-month rise above the threshold and on the latest month’s level', () => {
    const alerts = cccAlerts(
      [
        { month: '2026-01-01', ccc: 50 },
        { month: '2026-02-01', ccc: 60 }, // +10: not more than 10
        { month: '2026-03-01', ccc: null }, // no revenue: no comparison either side
        { month: '2026-04-01', ccc: 58 },
        { month: '2026-05-01', ccc: 70.5 }, // +12.5 → alert; 70.5 ≥ 65 → warning level
      ],
      thresholds,
      10,
    );
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'ccc-rise', severity: 'warning', date: '2026-05-01' }),
      expect.objectContaining({ kind: 'ccc-threshold', severity: 'warning', date: '2026-05-01' }),
    ]);
    expect(alerts[0]?.message).toContain('12.5 days');
  });

  it('is quiet when the CCC is steady and on target', () => {
    expect(
      cccAlerts(
        [
          { month: '2026-01-01', ccc: 40 },
          { month: '2026-02-01', ccc: 45 },
        ],
        thresholds,
        10,
      ),
    ).toEqual([]);
  });
});
