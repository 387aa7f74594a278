/** A live-update event, as pushed to browsers over server-sent events. */
export interface AppEvent {
  /** Ordered across every producer (`<ms>-<seq>`); browsers send the last one back as Last-Event-ID. */
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
  /** The permission a receiver needs; null: any signed-in user. */
  permission: string | null;
}

export interface PublishInput {
  type: string;
  data?: Record<string, unknown>;
  permission?: string | null;
}

export interface Replay {
  events: AppEvent[];
  /** False when events after the given id may have been dropped (too old): the client should refetch. */
  complete: boolean;
}

/**
 * Publish/subscribe for live updates. In server mode events go through Redis — a capped stream for
 * replay after a reconnect and pub/sub for fan-out — so a browser on any web replica receives what
 * any worker or replica published. Embedded mode keeps the same contract in memory.
 */
export interface EventBus {
  readonly kind: 'redis' | 'memory';
  /** Best effort: resolves with the event, or null when it could not be published (logged). */
  publish(input: PublishInput): Promise<AppEvent | null>;
  /** Live events from now on; returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** Events after `lastEventId`, oldest first. */
  since(lastEventId: string): Promise<Replay>;
  close(): Promise<void>;
}

export const EVENT_ID = /^\d{1,16}-\d{1,16}$/;
/** How many events a replay returns at most; beyond that the client refetches instead. */
export const REPLAY_LIMIT = 1000;

/** Orders two event ids (`ms-seq`). */
export function compareEventIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number) as [number, number];
  const [bm, bs] = b.split('-').map(Number) as [number, number];
  return am === bm ? as - bs : am - bm;
}
