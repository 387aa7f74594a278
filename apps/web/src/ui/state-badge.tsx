import './badges.css';

export type HealthState = 'ok' | 'up' | 'degraded' | 'down' | 'not_configured';

const STATE_TEXT: Record<HealthState, string> = {
  ok: 'OK',
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  not_configured: 'Not configured',
};

const STATE_ICON: Record<HealthState, string> = {
  ok: 'M3 8.5 6.5 12 13 4.5',
  up: 'M3 8.5 6.5 12 13 4.5',
  degraded: 'M8 3v6M8 12v1',
  down: 'M4 4l8 8M12 4l-8 8',
  not_configured: 'M3 8h10',
};

/** A health state as icon plus word, so it reads without colour. */
export function StateBadge({ state }: { state: HealthState }) {
  return (
    <span className={`badge badge--state badge--${state}`}>
      <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16">
        <path d={STATE_ICON[state]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      {STATE_TEXT[state]}
    </span>
  );
}
