import { describe, expect, it } from 'vitest';
import { RequestWindow } from './request-window';

describe('request window (what the in-product alerts read)', () => {
  it('reports the 5xx share and an interpolated 95th percentile', () => {
    let now = 1_000_000;
    const window = new RequestWindow(5 * 60_000, 10_000, () => now);
    for (let i = 0; i < 95; i++) window.observe(200, 0.004);
    for (let i = 0; i < 5; i++) window.observe(503, 3);
    const snapshot = window.snapshot();
    expect(snapshot).toMatchObject({ total: 100, errors: 5, errorRatio: 0.05 });
    // Rank 95 falls at the top of the first bucket (le 0.005), as histogram_quantile would say.
    expect(snapshot.p95Seconds).toBeCloseTo(0.005, 6);
    for (let i = 0; i < 10; i++) window.observe(200, 3);
    expect(window.snapshot().p95Seconds).toBeGreaterThan(2.5);
    now += 6 * 60_000;
    expect(window.snapshot()).toEqual({ total: 0, errors: 0, errorRatio: 0, p95Seconds: null });
  });

  it('forgets requests older than the window, slot by slot', () => {
    let now = 0;
    const window = new RequestWindow(60_000, 10_000, () => now);
    window.observe(500, 0.1);
    now = 30_000;
    window.observe(200, 0.1);
    expect(window.snapshot().total).toBe(2);
    now = 65_000;
    expect(window.snapshot()).toMatchObject({ total: 1, errors: 0 });
  });
});
