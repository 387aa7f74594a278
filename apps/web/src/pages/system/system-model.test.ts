import type { DependencyState } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import { dependencyRank, dependencySummary, shortCommit } from './system-model';

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
