import { useId } from 'react';
import { formatInstant, formatRelativeTime, formatUtc } from '../format/date';
import { userLocale } from '../format/locale';
import './relative-time.css';
import { useNow } from './use-now';

export interface RelativeTimeProps {
  /** An ISO 8601 instant. */
  iso: string;
}

/**
 * "5 minutes ago", with the local and exact UTC time on hover and on keyboard focus (a title
 * attribute alone would be mouse-only).
 */
export function RelativeTime({ iso }: RelativeTimeProps) {
  const now = useNow();
  const tipId = useId();
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return <span>{iso}</span>;
  const locale = userLocale();
  return (
    <span className="relative-time">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focus is how keyboard users reach the exact time */}
      <time dateTime={instant.toISOString()} tabIndex={0} aria-describedby={tipId}>
        {formatRelativeTime(instant, now, locale)}
      </time>
      <span role="tooltip" id={tipId} className="relative-time__tip">
        {formatInstant(instant, locale)} · {formatUtc(instant)}
      </span>
    </span>
  );
}
