import { describe, expect, it, vi } from 'vitest';
import { createSessionRenewal } from './session-renewal';

const respond = (status: number) =>
  vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(null, { status }));

describe('session renewal', () => {
  it('maps the refresh answer to renewed, rejected or unreachable', async () => {
    for (const [status, outcome] of [
      [200, 'renewed'],
      [401, 'rejected'],
      [400, 'rejected'],
      [500, 'unreachable'],
      [503, 'unreachable'],
      [429, 'unreachable'],
    ] as const) {
      const renewal = createSessionRenewal({ fetch: () => respond(status) as unknown as typeof fetch });
      expect(await renewal.renew(renewal.generation), String(status)).toBe(outcome);
    }
    const offline = vi.fn().mockRejectedValue(new TypeError('fetch failed'));
    const renewal = createSessionRenewal({ fetch: () => offline as unknown as typeof fetch });
    expect(await renewal.renew(0)).toBe('unreachable');
  });

  it('reuses the outcome of a renewal that finished after the failed call was sent', async () => {
    const fetchMock = respond(200);
    const renewal = createSessionRenewal({ fetch: () => fetchMock as unknown as typeof fetch });
    const sentBefore = renewal.generation;
    await renewal.renew(sentBefore);
    expect(await renewal.renew(sentBefore)).toBe('renewed');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // A call sent after that renewal and refused again needs a new one.
    await renewal.renew(renewal.generation);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('tries again after an unreachable server rather than reusing the failure', async () => {
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockResolvedValueOnce(new Response(null, { status: 200 }));
    const renewal = createSessionRenewal({ fetch: () => fetchMock as unknown as typeof fetch });
    expect(await renewal.renew(0)).toBe('unreachable');
    expect(await renewal.renew(0)).toBe('renewed');
  });

  it('posts an empty JSON object: the refresh token travels in its cookie', async () => {
    const fetchMock = respond(200);
    const renewal = createSessionRenewal({ fetch: () => fetchMock as unknown as typeof fetch });
    await renewal.renew(0);
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/refresh', {
      method: 'POST',
      credentials: 'include',
      headers: { accept: 'application/json, application/problem+json', 'content-type': 'application/json' },
      body: '{}',
    });
  });

  it('refreshes inside the cross-tab lock', async () => {
    const events: string[] = [];
    const fetchMock = vi.fn(async () => {
      events.push('refresh');
      return new Response(null, { status: 200 });
    });
    const renewal = createSessionRenewal({
      fetch: () => fetchMock as unknown as typeof fetch,
      lock: async (run) => {
        events.push('lock');
        const result = await run();
        events.push('unlock');
        return result;
      },
    });
    await renewal.renew(0);
    expect(events).toEqual(['lock', 'refresh', 'unlock']);
  });
});
