import { toProblem } from '../api/api-error';
import './error-panel.css';

export interface ErrorPanelProps {
  error: unknown;
  /** What failed, in the reader's words: "The overview could not be loaded". */
  heading?: string;
  onRetry?: () => void;
  /** A one-line banner above data still shown from the cache. */
  compact?: boolean;
}

/**
 * Renders an RFC 9457 problem (title, detail, the fields at fault, request id for support).
 * role="alert" so a failure that replaces content is announced.
 */
export function ErrorPanel({ error, heading, onRetry, compact = false }: ErrorPanelProps) {
  const problem = toProblem(error);
  return (
    <div className={`error-panel${compact ? ' error-panel--compact' : ''}`} role="alert">
      <div className="error-panel__body">
        <p className="error-panel__heading">
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 16 16">
            <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M8 4v5M8 11v1" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          {heading ? `${heading}: ${problem.title}` : problem.title}
        </p>
        {problem.detail && <p className="error-panel__detail">{problem.detail}</p>}
        {problem.errors && problem.errors.length > 0 && (
          <ul className="error-panel__fields">
            {problem.errors.map((fieldError) => (
              <li key={`${fieldError.field}:${fieldError.message}`}>
                <code>{fieldError.field}</code> — {fieldError.message}
              </li>
            ))}
          </ul>
        )}
        {(problem.status > 0 || problem.requestId) && (
          <p className="error-panel__meta">
            {problem.status > 0 && <>HTTP {problem.status}</>}
            {problem.requestId && <> · request {problem.requestId}</>}
          </p>
        )}
      </div>
      {onRetry && (
        <button type="button" className="button no-print" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
