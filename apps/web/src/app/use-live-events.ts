import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { applyLiveEvent, EVENT_INVALIDATIONS, RECONNECT_AFTER_MS } from './live-events';

/**
 * Keeps the pages current without reloading: one EventSource on /api/events while signed in. The
 * browser reconnects by itself with Last-Event-ID after a dropped connection; when it gives up (a
 * 401 once the session lapsed, a deploy) a new stream is opened after a pause, resuming from the
 * last event seen.
 */
export function useLiveEvents(signedIn: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!signedIn || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let lastEventId = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      const url = lastEventId ? `/api/events?lastEventId=${encodeURIComponent(lastEventId)}` : '/api/events';
      source = new EventSource(url, { withCredentials: true });
      for (const type of Object.keys(EVENT_INVALIDATIONS)) {
        source.addEventListener(type, (event) => {
          lastEventId = (event as MessageEvent).lastEventId || lastEventId;
          applyLiveEvent(queryClient, type);
        });
      }
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        source.close();
        timer = setTimeout(open, RECONNECT_AFTER_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [signedIn, queryClient]);
}
