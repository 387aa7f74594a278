import type { FilterOptionsResponse, GlobalFilters } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import {
  apiQuery,
  channelsFor,
  filterSearch,
  matchPreset,
  parseFilters,
  presetPeriod,
  reconcileFilters,
  resolvePeriod,
  writeFilters,
} from './filters-url';

const today = '2025-03-30';

describe('filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const filters: GlobalFilters = {
      from: '2025-01-01',
      to: '2025-03-31',
      region: 'UK',
      channel: 'amazon-uk',
      sku: 'GABA-RED-500',
    };
    const text = writeFilters(filters).toString();
    expect(text).toBe('from=2025-01-01&to=2025-03-31&region=UK&channel=amazon-uk&sku=GABA-RED-500');
    expect(parseFilters(text)).toEqual(filters);
  });

  it('round-trips values that need escaping', () => {
    const filters: GlobalFilters = { sku: 'A&B 50/50 #1', channel: 'shop=eu' };
    expect(parseFilters(writeFilters(filters))).toEqual(filters);
  });

  it('writes nothing for no filters and keeps other parameters of the page', () => {
    expect(filterSearch({})).toBe('');
    const merged = writeFilters({ region: 'EU' }, '?tab=ageing&region=UK&sku=X');
    expect(merged.toString()).toBe('region=EU&tab=ageing');
  });

  it('drops invalid values one by one', () => {
    expect(parseFilters(`region=UK&sku=${'x'.repeat(65)}`)).toEqual({ region: 'UK' });
    expect(parseFilters('from=2025-02-30&to=2025-03-01&region=EU')).toEqual({ region: 'EU' });
    expect(parseFilters('region=%20%20')).toEqual({});
  });

  it('drops a reversed or half period', () => {
    expect(parseFilters('from=2025-03-01&to=2025-02-01')).toEqual({});
    expect(parseFilters('from=2025-03-01')).toEqual({});
  });
});

describe('periods', () => {
  it('counts presets inclusive of today', () => {
    expect(presetPeriod('30d', today)).toEqual({ from: '2025-03-01', to: today });
    expect(presetPeriod('365d', today)).toEqual({ from: '2024-03-31', to: today });
  });

  it('defaults to the last 90 days, as the API does, and recognises presets', () => {
    expect(resolvePeriod({}, today)).toEqual({ from: '2024-12-31', to: today });
    expect(matchPreset({}, today)).toBe('90d');
    expect(matchPreset({ from: '2025-03-01', to: today }, today)).toBe('30d');
    expect(matchPreset({ from: '2025-01-01', to: '2025-01-31' }, today)).toBe('custom');
  });

  it('always sends the resolved period to the API', () => {
    expect(apiQuery({ sku: 'S1' }, today)).toBe('from=2024-12-31&to=2025-03-30&sku=S1');
  });
});

describe('reconcileFilters', () => {
  const options: FilterOptionsResponse = {
    regions: [
      { code: 'UK', name: 'United Kingdom' },
      { code: 'EU', name: 'European Union' },
    ],
    channels: [
      { code: 'amazon-uk', name: 'Amazon UK', regionCode: 'UK' },
      { code: 'shopify-eu', name: 'Shopify EU', regionCode: 'EU' },
    ],
    skus: [{ sku: 'S1', name: 'Sku one' }],
    dataRange: { from: '2024-01-01', to: '2025-03-30' },
  };

  it('keeps choices the options offer', () => {
    const filters = { region: 'UK', channel: 'amazon-uk', sku: 'S1' };
    expect(reconcileFilters(filters, options)).toEqual(filters);
  });

  it('drops unknown choices and channels outside the region', () => {
    expect(reconcileFilters({ region: 'US', sku: 'S9' }, options)).toEqual({});
    expect(reconcileFilters({ region: 'EU', channel: 'amazon-uk' }, options)).toEqual({ region: 'EU' });
  });

  it('offers only the channels of the chosen region', () => {
    expect(channelsFor(options, 'EU').map((c) => c.code)).toEqual(['shopify-eu']);
    expect(channelsFor(options, undefined)).toHaveLength(2);
  });
});
