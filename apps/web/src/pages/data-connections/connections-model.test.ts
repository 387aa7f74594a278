import type { ConnectionView, SyncRunView } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import {
  connectionHealth,
  credentialChanges,
  everyText,
  progressValue,
  runProgressText,
  runSeconds,
} from './connections-model';

const run = (overrides: Partial<SyncRunView>): SyncRunView => ({
  id: 'r1',
  connector: 'shopify',
  mode: 'incremental',
  status: 'running',
  trigger: 'manual',
  requestedAt: '2026-01-01T10:00:00.000Z',
  startedAt: '2026-01-01T10:00:00.000Z',
  finishedAt: null,
  progress: 42,
  recordsRead: 1234,
  recordsWritten: 1200,
  recordsRejected: 0,
  recordsSkipped: 0,
  error: null,
  sandbox: false,
  entities: {},
  rejections: [],
  ...overrides,
});

const connection = (overrides: Partial<ConnectionView>): ConnectionView => ({
  name: 'shopify',
  label: 'Shopify',
  description: '',
  entities: [],
  state: 'configured',
  source: 'app',
  detail: '',
  sandboxAvailable: true,
  degraded: false,
  consecutiveFailures: 0,
  lastError: null,
  lastSuccessAt: null,
  schedule: { label: '', everyMs: 900_000, nextRunAt: null },
  activeRun: null,
  lastRun: null,
  canManage: true,
  ...overrides,
});

describe('connections model', () => {
  it('describes a run in one line', () => {
    expect(runProgressText(run({}), 'en-GB')).toBe('Running — 42% · 1,234 read · 1,200 written');
    expect(runProgressText(run({ status: 'queued', progress: 0 }), 'en-GB')).toBe(
      'Queued — waiting for a worker',
    );
    expect(runProgressText(run({ status: 'succeeded', recordsRejected: 3 }), 'en-GB')).toBe(
      'Finished · 1,234 read · 1,200 written · 3 rejected',
    );
    expect(
      runProgressText(run({ status: 'failed', error: 'shopify Orders answered HTTP 401\nstack' }), 'en-GB'),
    ).toBe('Failed · 1,234 read · 1,200 written — shopify Orders answered HTTP 401');
  });

  it('gives the progress bar a value, none while queued (indeterminate), 100 when done', () => {
    expect(progressValue(run({ progress: 42 }))).toBe(42);
    expect(progressValue(run({ status: 'queued', progress: 0 }))).toBeUndefined();
    expect(progressValue(run({ status: 'failed', progress: 60 }))).toBe(100);
    expect(progressValue(run({ progress: null }))).toBeUndefined();
  });

  it('ranks health: not configured, degraded, last run failed, fine', () => {
    expect(connectionHealth(connection({ state: 'not_configured' }))).toBe('not_configured');
    expect(connectionHealth(connection({ degraded: true }))).toBe('degraded');
    expect(connectionHealth(connection({ lastRun: run({ status: 'failed' }) }))).toBe('down');
    expect(connectionHealth(connection({ lastRun: run({ status: 'succeeded' }) }))).toBe('up');
  });

  it('says how often in words', () => {
    expect(everyText(900_000)).toBe('every 15 minutes');
    expect(everyText(3_600_000)).toBe('hourly');
    expect(everyText(300_000)).toBe('every 5 minutes');
  });

  it('measures finished runs only', () => {
    expect(runSeconds(run({ finishedAt: '2026-01-01T10:01:05.000Z' }))).toBe(65);
    expect(runSeconds(run({}))).toBeNull();
  });

  it('sends only what was edited: a new value, or null to remove', () => {
    const fields = [
      { key: 'shopUK', set: true, value: 'a.myshopify.com', secret: false },
      { key: 'tokenUK', set: true, value: null, secret: true },
      { key: 'shopEU', set: false, value: null, secret: false },
    ];
    expect(
      credentialChanges({ shopUK: 'a.myshopify.com', tokenUK: '', shopEU: ' b.myshopify.com ' }, fields),
    ).toEqual({
      tokenUK: null,
      shopEU: 'b.myshopify.com',
    });
    expect(credentialChanges({}, fields)).toEqual({});
  });
});
