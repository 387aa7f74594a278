import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { applyLiveEvent } from './live-events';

function client() {
  const queryClient = new QueryClient();
  for (const key of [
    ['overview', 'from=x'],
    ['features'],
    ['status'],
    ['system', 'alerts'],
    ['system', 'queues'],
  ]) {
    queryClient.setQueryData(key, { cached: true });
  }
  return queryClient;
}
const stale = (queryClient: QueryClient) =>
  queryClient
    .getQueryCache()
    .getAll()
    .filter((q) => q.isStale() && q.state.isInvalidated)
    .map((q) => q.queryKey.join('/'))
    .sort();

describe('live-update events', () => {
  it('a data change refreshes every figure; other events only what they concern', () => {
    const all = client();
    applyLiveEvent(all, 'data.changed');
    expect(stale(all)).toEqual(['features', 'overview/from=x', 'status', 'system/alerts', 'system/queues']);

    const flags = client();
    applyLiveEvent(flags, 'flags.changed');
    expect(stale(flags)).toEqual(['features']);

    const alerts = client();
    applyLiveEvent(alerts, 'alert.fired');
    expect(stale(alerts)).toEqual(['system/alerts']);

    const progress = client();
    applyLiveEvent(progress, 'job.progress');
    expect(stale(progress)).toEqual([]);
  });
});
