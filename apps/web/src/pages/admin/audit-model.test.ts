import { describe, expect, it } from 'vitest';
import {
  auditFiltersFromParams,
  auditFiltersToParams,
  describeChange,
  validateAuditFilters,
} from './audit-model';

describe('audit filters in the URL', () => {
  it('reads its own parameters and ignores malformed dates', () => {
    const params = new URLSearchParams(
      'since=2025-03-01&until=bad&actor=%20admin%40sentia.local&from=2024-01-01',
    );
    expect(auditFiltersFromParams(params)).toEqual({ from: '2025-03-01', actor: 'admin@sentia.local' });
  });

  it('writes them without touching the global filters', () => {
    const previous = new URLSearchParams('from=2024-01-01&region=UK&actor=old');
    const next = auditFiltersToParams({ from: '2025-03-01', action: 'users.' }, previous);
    expect(next.toString()).toBe('from=2024-01-01&region=UK&since=2025-03-01&action=users.');
  });

  it('round-trips', () => {
    const filters = { from: '2025-03-01', to: '2025-03-31', actor: 'a@b.c', action: 'auth.' };
    expect(auditFiltersFromParams(auditFiltersToParams(filters, new URLSearchParams()))).toEqual(filters);
  });

  it('refuses a period that ends before it starts', () => {
    expect(validateAuditFilters({ from: '2025-03-02', to: '2025-03-01' })).toEqual({
      to: 'The end date is before the start date.',
    });
    expect(validateAuditFilters({ from: '2025-03-01', to: '2025-03-01' })).toEqual({});
  });
});

describe('describeChange', () => {
  it('lists the fields that changed', () => {
    expect(describeChange({ role: 'viewer', disabled: false }, { role: 'planner', disabled: false })).toEqual(
      ['role: viewer → planner'],
    );
  });

  it('lists what was recorded when there is no before', () => {
    expect(describeChange(null, { enabled: true, message: null })).toEqual(['enabled: true', 'message: —']);
    expect(describeChange(null, null)).toEqual([]);
  });

  it('shows other shapes whole', () => {
    expect(describeChange('a', 'b')).toEqual(['a → b']);
    expect(describeChange(null, [1, 2])).toEqual(['— → [1,2]']);
  });
});
