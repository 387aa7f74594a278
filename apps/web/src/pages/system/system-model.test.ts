import type { DependencyState } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import {
  alertWhere,
  connectorState,
  dependencyRank,
  dependencySummary,
  flagSource,
  formatAlertValue,
  formatForDuration,
  queueState,
  shortCommit,
  sortAlerts,
} from './system-model';

const dep = (name: string, state: DependencyState['state'], required = true): DependencyState => ({
  name,
  state,
  required,
  latencyMs: 3,
});

describe('system model', () => {
  it('ranks failing required dependencies first', () => {
    const deps = [
      dep('redis', 'up'),
      dep('smtp', 'down', false),
      dep('postgres', 'down'),
      dep('xero', 'degraded'),
    ];
    expect([...deps].sort((a, b) => dependencyRank(a) - dependencyRank(b)).map((d) => d.name)).toEqual([
      'postgres',
      'smtp',
      'xero',
      'redis',
    ]);
  });

  it('summarises dependency states', () => {
    expect(dependencySummary([dep('a', 'up'), dep('b', 'down')])).toBe(
      '1 of 2 configured dependencies up: b down',
    );
    expect(dependencySummary([dep('a', 'up'), dep('redis', 'not_configured', false)])).toBe(
      '1 of 1 configured dependencies up; 1 not configured',
    );
    expect(dependencySummary([])).toBe('No dependencies reported');
  });

  it('shortens commits', () => {
    expect(shortCommit('0123456789abcdef')).toBe('0123456789');
    expect(shortCommit(null)).toBe('unknown');
  });
});

describe('system model: alerts, queues, connectors, flags', () => {
  it('shows alert values in the rule’s unit', () => {
    expect(formatAlertValue('HighErrorRate', 0.032, 'en-GB')).toBe('3.2%');
    expect(formatAlertValue('MemoryUsage', 0.85, 'en-GB')).toBe('85%');
    expect(formatAlertValue('HighResponseTime', 2.4, 'en-GB')).toBe('2.40 s');
    expect(formatAlertValue('QueueBacklog', 1200, 'en-GB')).toBe('1,200 jobs');
    expect(formatForDuration(900)).toBe('15 min');
    expect(alertWhere({ instance: 'cluster' })).toBe('all processes');
  });

  it('lists critical alerts first, then the oldest', () => {
    const alert = (name: string, severity: 'critical' | 'warning', activeSince: string) =>
      ({ id: name, name, severity, activeSince }) as Parameters<typeof sortAlerts>[0][number];
    expect(
      sortAlerts([
        alert('a', 'warning', '2026-01-01T00:00:00Z'),
        alert('b', 'critical', '2026-01-02T00:00:00Z'),
        alert('c', 'critical', '2026-01-01T00:00:00Z'),
      ]).map((a) => a.id),
    ).toEqual(['c', 'b', 'a']);
  });

  it('flags queues with failures or old waiting jobs, and connectors that failed or went quiet', () => {
    const queue = {
      queue: 'sync',
      waiting: 1,
      active: 0,
      delayed: 0,
      failed: 0,
      completed: 3,
      oldestWaitingSeconds: 5,
    };
    expect(queueState(queue)).toBe('ok');
    expect(queueState({ ...queue, failed: 2 })).toBe('degraded');
    expect(queueState({ ...queue, oldestWaitingSeconds: 3600 })).toBe('degraded');
    const now = new Date('2026-01-02T12:00:00Z');
    const sync = {
      connector: 'xero',
      lastRunAt: '2026-01-02T11:00:00Z',
      lastStatus: 'succeeded' as const,
      lastSuccessAt: '2026-01-02T11:05:00Z',
      recordsWritten: 10,
      recordsRejected: 0,
      error: null,
    };
    expect(connectorState(sync, now)).toBe('ok');
    expect(connectorState({ ...sync, lastStatus: 'failed' }, now)).toBe('down');
    expect(connectorState({ ...sync, lastSuccessAt: '2025-12-30T00:00:00Z' }, now)).toBe('degraded');
    expect(connectorState({ ...sync, lastStatus: 'running', lastSuccessAt: null }, now)).toBe('degraded');
  });

  it('says where a flag’s state comes from', () => {
    const flag = {
      key: 'forecasting' as const,
      label: 'Demand forecasting',
      default: true,
      override: null,
      enabled: true,
      updatedAt: null,
      updatedBy: null,
    };
    expect(flagSource(flag)).toBe('default (on from the environment)');
    expect(flagSource({ ...flag, override: false, enabled: false })).toBe(
      'switched off by an administrator (default on)',
    );
  });
});
