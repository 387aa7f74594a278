import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { forecastScheduleJob } from './jobs';
import { CATCH_UP_DELAY_MS, msUntilNext, registerForecastSchedule } from './schedule';

describe('msUntilNext', () => {
  it('counts to the next HH:MM in UTC, today or tomorrow', () => {
    expect(msUntilNext('02:30', new Date('2025-06-30T01:30:00Z'))).toBe(3_600_000);
    expect(msUntilNext('02:30', new Date('2025-06-30T02:30:00Z'))).toBe(86_400_000);
    expect(msUntilNext('00:00', new Date('2025-12-31T23:59:00Z'))).toBe(60_000);
  });
});

describe('in-process forecast schedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeApp() {
    const hooks: Record<string, () => Promise<void>> = {};
    const app = {
      addHook: (name: string, fn: () => Promise<void>) => {
        hooks[name] = fn;
      },
    } as unknown as ApiServer;
    return { app, hooks };
  }

  it('checks shortly after start and then daily at the configured time, until closed', async () => {
    vi.useFakeTimers({ now: new Date('2025-06-30T01:00:00Z') });
    const enqueue = vi.fn(async () => ({ id: 'x', enqueued: true }));
    const ctx = {
      config: { FORECAST_SCHEDULE: '02:30' },
      jobs: { kind: 'in-process', enqueue },
      redis: null,
      logger: { warn() {} },
    } as unknown as AppContext;
    const { app, hooks } = fakeApp();
    registerForecastSchedule(app, ctx);
    await hooks.onReady!();
    expect(enqueue).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(CATCH_UP_DELAY_MS);
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(enqueue).toHaveBeenLastCalledWith(forecastScheduleJob, {});
    // 02:30 today, then 02:30 tomorrow.
    await vi.advanceTimersByTimeAsync(90 * 60_000);
    expect(enqueue).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(enqueue).toHaveBeenCalledTimes(3);
    await hooks.onClose!();
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(enqueue).toHaveBeenCalledTimes(3);
  });

  it('does nothing when switched off', () => {
    const { app, hooks } = fakeApp();
    registerForecastSchedule(app, { config: { FORECAST_SCHEDULE: 'off' } } as unknown as AppContext);
    expect(hooks).toEqual({});
  });
});
