import type { SessionView } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import { describeGrant, describeUserAgent, orderSessions } from './profile-model';

describe('describeUserAgent', () => {
  it('names common browsers and systems', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 131 on Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
      ),
    ).toBe('Edge 131 on Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 on iPad');
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'Firefox 133 on Linux',
    );
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome (headless) 131 on Linux');
  });

  it('shows other clients by their first word and admits when there is nothing', () => {
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    expect(describeUserAgent('node')).toBe('node');
    expect(describeUserAgent(null)).toBe('Unknown device');
    expect(describeUserAgent('  ')).toBe('Unknown device');
  });
});

describe('orderSessions', () => {
  const session = (id: string, current: boolean, lastUsedAt: string): SessionView => ({
    id,
    current,
    createdAt: '2025-01-01T00:00:00.000Z',
    lastUsedAt,
    expiresAt: '2025-01-02T00:00:00.000Z',
    ip: null,
    userAgent: null,
  });

  it('puts this device first, then the most recently used', () => {
    const ordered = orderSessions([
      session('a', false, '2025-01-01T08:00:00.000Z'),
      session('b', false, '2025-01-01T09:00:00.000Z'),
      session('c', true, '2025-01-01T07:00:00.000Z'),
    ]);
    expect(ordered.map((s) => s.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('describeGrant', () => {
  it('puts grants in words', () => {
    expect(describeGrant('*')).toBe('Everything (administrator)');
    expect(describeGrant('read:*')).toBe('Read anything');
    expect(describeGrant('write:development')).toBe('Make changes in the development environment only');
    expect(describeGrant('approve:purchase-orders')).toBe('Approve purchase orders');
  });
});
