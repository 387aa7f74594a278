import { formatFixed, formatPercent } from './number';

export type ChangeDirection = 'up' | 'down' | 'flat';

export interface ChangeDescription {
  direction: ChangeDirection | 'none';
  /** Short visible text: "+12.3%", "−1.2 pp", "no change". */
  text: string;
  /** Full sentence for screen readers, since the arrow alone says nothing to them. */
  accessibleText: string;
}

const NONE = (reason: string): ChangeDescription => ({
  direction: 'none',
  text: reason,
  accessibleText: reason,
});

/**
 * Change against the previous period. Percent measures change in percentage points (a margin going
 * 40% → 42% is "+2.0 pp", not "+5%"); other measures change relative to the previous value.
 */
export function describeChange(
  value: number | null,
  previous: number | null,
  unit: 'money' | 'units' | 'percent',
  locale: string,
): ChangeDescription {
  if (value === null) return NONE('No data for this period');
  if (previous === null) return NONE('No previous-period data');
  if (unit === 'percent') {
    const points = (value - previous) * 100;
    const direction = directionOf(points, 0.05);
    const size = formatFixed(Math.abs(points), locale, 1);
    if (direction === 'flat') return flat();
    const sign = direction === 'up' ? '+' : '−';
    return {
      direction,
      text: `${sign}${size} pp`,
      accessibleText: `${direction === 'up' ? 'Up' : 'Down'} ${size} percentage points on the previous period`,
    };
  }
  if (previous === 0) {
    if (value === 0) return flat();
    return NONE('Previous period was zero');
  }
  const ratio = (value - previous) / Math.abs(previous);
  const direction = directionOf(ratio, 0.0005);
  if (direction === 'flat') return flat();
  const size = formatPercent(Math.abs(ratio), locale, 1);
  const sign = direction === 'up' ? '+' : '−';
  return {
    direction,
    text: `${sign}${size}`,
    accessibleText: `${direction === 'up' ? 'Up' : 'Down'} ${size} on the previous period`,
  };
}

function flat(): ChangeDescription {
  return { direction: 'flat', text: 'No change', accessibleText: 'No change on the previous period' };
}

/** Changes that would round to zero at one decimal place count as flat, so no arrow contradicts the text. */
function directionOf(delta: number, epsilon: number): ChangeDirection {
  if (delta > epsilon) return 'up';
  if (delta < -epsilon) return 'down';
  return 'flat';
}
