export interface SseEvent {
  id: string | null;
  type: string;
  data: Record<string, unknown>;
}

export interface SseClient {
  events: SseEvent[];
  /** Resolves once the stream answered 200 (it is subscribed from then on). */
  opened: Promise<void>;
  close(): void;
}

/** A server-sent events client over fetch, as a signed-in browser tab holds one (GET /api/events). */
export function openSse(baseUrl: string, headers: Record<string, string>): SseClient {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  let resolveOpened = () => {};
  let rejectOpened = (_error: Error) => {};
  const opened = new Promise<void>((resolve, reject) => {
    resolveOpened = resolve;
    rejectOpened = reject;
  });
  void (async () => {
    try {
      const response = await fetch(`${baseUrl}/api/events`, { headers, signal: controller.signal });
      if (response.status !== 200 || !response.body) throw new Error(`SSE answered ${response.status}`);
      resolveOpened();
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          if (!fields.has('event') && !fields.has('data')) continue;
          events.push({
            id: fields.get('id') ?? null,
            type: fields.get('event') ?? 'message',
            data: JSON.parse(fields.get('data') ?? '{}') as Record<string, unknown>,
          });
        }
      }
    } catch (error) {
      rejectOpened(error as Error);
    }
  })();
  return { events, opened, close: () => controller.abort() };
}
