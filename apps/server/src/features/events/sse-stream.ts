import type { AppEvent } from '../../platform/events/event-bus';

/** One event in the text/event-stream format; data is one JSON line, so no field can break framing. */
export function formatSseEvent(event: AppEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ at: event.at, ...event.data })}\n\n`;
}

/** Sent when a replay cannot be complete (too old a Last-Event-ID): the page refetches everything. */
export function formatResync(lastId: string | null): string {
  return `${lastId ? `id: ${lastId}\n` : ''}event: resync\ndata: {}\n\n`;
}

/** An event without an id (it is no part of the replayable stream): the state at connection time. */
export function formatSseNotice(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ at: new Date().toISOString(), ...data })}\n\n`;
}
