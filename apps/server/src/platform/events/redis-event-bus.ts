import type { Logger } from '../logger';
import type { Redis } from '../redis';
import {
  type AppEvent,
  compareEventIds,
  EVENT_ID,
  type EventBus,
  type PublishInput,
  REPLAY_LIMIT,
  type Replay,
} from './event-bus';

/** Appends to the capped stream and publishes with the stream's id, atomically. */
const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'event', ARGV[2])
redis.call('PUBLISH', KEYS[2], id .. '\\n' .. ARGV[2])
return id`;

interface StoredEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
  permission: string | null;
}

export interface RedisEventBusOptions {
  /** Request-path client: publishing fails fast when Redis is away (events are best effort). */
  publisher: Redis;
  /** Opens the dedicated subscriber connection, on the first subscription only (workers never need one). */
  connectSubscriber: () => Redis;
  prefix: string;
  logger: Logger;
  /** Events kept for replay. */
  maxLength?: number;
  onPublish?: (event: AppEvent) => void;
}

/**
 * Server mode: a capped Redis stream (replay after a reconnect, Last-Event-ID) and a pub/sub channel
 * (fan-out to every web replica). After its own connection drops, the subscriber reads the events it
 * missed from the stream, so live listeners see every event once, in order.
 */
export class RedisEventBus implements EventBus {
  readonly kind = 'redis';
  private subscriber: Redis | null = null;
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private lastDelivered: string | null = null;
  private readonly streamKey: string;
  private readonly channel: string;

  constructor(private readonly options: RedisEventBusOptions) {
    this.streamKey = `${options.prefix}:events:stream`;
    this.channel = `${options.prefix}:events`;
  }

  async publish(input: PublishInput): Promise<AppEvent | null> {
    const stored: StoredEvent = {
      type: input.type,
      at: new Date().toISOString(),
      data: input.data ?? {},
      permission: input.permission ?? null,
    };
    try {
      const id = (await this.options.publisher.eval(
        PUBLISH_SCRIPT,
        2,
        this.streamKey,
        this.channel,
        String(this.options.maxLength ?? 10_000),
        JSON.stringify(stored),
      )) as string;
      const event = { id, ...stored };
      this.options.onPublish?.(event);
      return event;
    } catch (error) {
      this.options.logger.warn({ err: error, type: input.type }, 'could not publish a live-update event');
      return null;
    }
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    this.ensureSubscriber();
    return () => this.listeners.delete(listener);
  }

  async since(lastEventId: string): Promise<Replay> {
    if (!EVENT_ID.test(lastEventId)) return { events: [], complete: false };
    const [entries, oldest] = await Promise.all([
      this.options.publisher.xrange(this.streamKey, `(${lastEventId}`, '+', 'COUNT', REPLAY_LIMIT + 1),
      this.options.publisher.xrange(this.streamKey, '-', '+', 'COUNT', 1),
    ]);
    const events = entries.map(([id, fields]) => toEvent(id, fields)).filter((e) => e !== null);
    const oldestId = oldest[0]?.[0];
    // The stream is capped: when its oldest entry is newer than the client's, some may be gone.
    const trimmed = oldestId !== undefined && compareEventIds(oldestId, lastEventId) > 0;
    return {
      events: events.slice(0, REPLAY_LIMIT),
      complete: !trimmed && events.length <= REPLAY_LIMIT,
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = null;
    await subscriber?.quit().catch(() => subscriber.disconnect());
  }

  private ensureSubscriber(): void {
    if (this.subscriber) return;
    const subscriber = this.options.connectSubscriber();
    this.subscriber = subscriber;
    let connectedBefore = false;
    subscriber.on('error', (error) => this.options.logger.warn({ err: error }, 'event subscriber error'));
    subscriber.on('ready', () => {
      // ioredis re-subscribes by itself; what was published while we were away comes from the stream.
      if (connectedBefore && this.lastDelivered) void this.catchUp(this.lastDelivered);
      connectedBefore = true;
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const newline = message.indexOf('\n');
      const id = message.slice(0, newline);
      try {
        this.deliver({ id, ...(JSON.parse(message.slice(newline + 1)) as StoredEvent) });
      } catch (error) {
        this.options.logger.warn({ err: error }, 'ignored a malformed live-update event');
      }
    });
    subscriber.subscribe(this.channel).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'could not subscribe to live-update events');
    });
  }

  private async catchUp(after: string): Promise<void> {
    try {
      const { events } = await this.since(after);
      for (const event of events) this.deliver(event);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not replay events missed during a reconnect');
    }
  }

  private deliver(event: AppEvent): void {
    if (this.lastDelivered && compareEventIds(event.id, this.lastDelivered) <= 0) return;
    this.lastDelivered = event.id;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.warn({ err: error }, 'a live-update listener failed');
      }
    }
  }
}

function toEvent(id: string, fields: string[]): AppEvent | null {
  const index = fields.indexOf('event');
  if (index < 0) return null;
  try {
    return { id, ...(JSON.parse(fields[index + 1] ?? '') as StoredEvent) };
  } catch {
    return null;
  }
}
