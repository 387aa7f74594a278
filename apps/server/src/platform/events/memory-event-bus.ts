import {
  type AppEvent,
  compareEventIds,
  type EventBus,
  type PublishInput,
  REPLAY_LIMIT,
  type Replay,
} from './event-bus';

/** Embedded mode: one process, so a ring of recent events in memory serves live delivery and replay. */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory';
  private readonly recent: AppEvent[] = [];
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private lastMs = 0;
  private seq = 0;

  constructor(
    private readonly capacity = 1000,
    private readonly onPublish?: (event: AppEvent) => void,
  ) {}

  async publish(input: PublishInput): Promise<AppEvent> {
    const now = Date.now();
    if (now > this.lastMs) {
      this.lastMs = now;
      this.seq = 0;
    } else {
      this.seq += 1;
    }
    const event: AppEvent = {
      id: `${this.lastMs}-${this.seq}`,
      type: input.type,
      at: new Date(now).toISOString(),
      data: input.data ?? {},
      permission: input.permission ?? null,
    };
    this.recent.push(event);
    if (this.recent.length > this.capacity) this.recent.shift();
    this.onPublish?.(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async since(lastEventId: string): Promise<Replay> {
    const events = this.recent.filter((e) => compareEventIds(e.id, lastEventId) > 0);
    const oldest = this.recent[0];
    const trimmed =
      this.recent.length >= this.capacity && oldest && compareEventIds(oldest.id, lastEventId) > 0;
    return { events: events.slice(0, REPLAY_LIMIT), complete: !trimmed && events.length <= REPLAY_LIMIT };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
