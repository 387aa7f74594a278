import type { SyncMode } from './connector';

/**
 * The cursor most connectors need: a pass reads everything modified since `since` (sorted by
 * modification time), page by page. While a pass is under way `after` holds the service's token for
 * the next page; when it finishes, the next pass starts from the newest modification time seen
 * (`highWater`, inclusive, so records at that exact instant are read again rather than missed).
 * An interrupted pass — crash, failure, restart — is continued from `after`, whatever mode the next
 * run asks for, so a restart never leaves a gap and never starts over needlessly.
 */
export interface PassCursor {
  pass: SyncMode;
  /** Lower bound of the pass (ISO instant); null = everything the service keeps. */
  since: string | null;
  /** The service's next-page token within the pass; null when the pass has not started or finished. */
  after: string | null;
  /** The newest modification time written in this pass. */
  highWater: string | null;
}

export function parsePassCursor(stored: string | undefined): PassCursor | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<PassCursor>;
    if (value.pass !== 'full' && value.pass !== 'incremental') return null;
    return {
      pass: value.pass,
      since: value.since ?? null,
      after: value.after ?? null,
      highWater: value.highWater ?? null,
    };
  } catch {
    return null;
  }
}

/**
 * Where this run's pass starts: an unfinished pass continues; a full run (or a first run) starts at
 * `initialSince`; an incremental run starts at the last pass's high-water mark less `overlapMs`
 * (services whose index lags a little — Amazon — need a small overlap).
 */
export function startPass(
  mode: SyncMode,
  stored: PassCursor | null,
  initialSince: string | null,
  overlapMs = 0,
): PassCursor {
  if (stored?.after) return stored;
  if (mode === 'incremental' && stored) {
    const from = stored.highWater ?? stored.since;
    const since = from && overlapMs > 0 ? new Date(Date.parse(from) - overlapMs).toISOString() : from;
    return { pass: 'incremental', since, after: null, highWater: stored.highWater };
  }
  return {
    pass: mode === 'incremental' && !stored ? 'full' : mode,
    since: initialSince,
    after: null,
    highWater: null,
  };
}

/** The cursor to store after a page: next token, and the newest modification time so far. */
export function advancePass(pass: PassCursor, next: string | null, pageHighWater: string | null): PassCursor {
  const highWater =
    pageHighWater && (!pass.highWater || Date.parse(pageHighWater) > Date.parse(pass.highWater))
      ? pageHighWater
      : pass.highWater;
  return { ...pass, after: next, highWater };
}

/** The latest of some ISO instants (null when none). */
export function latestInstant(values: Iterable<string | null | undefined>): string | null {
  let best: string | null = null;
  for (const v of values) if (v && (!best || Date.parse(v) > Date.parse(best))) best = v;
  return best;
}
