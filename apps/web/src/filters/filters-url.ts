import { type FilterOptionsResponse, type GlobalFilters, globalFilters } from '@sentia/contracts';
import { addDays, parseIsoDate } from '../format/date';

/** The query-string keys the filter bar owns, in the order they are written (stable URLs). */
export const FILTER_KEYS = ['from', 'to', 'region', 'channel', 'sku'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const PERIOD_PRESETS = [
  { id: '30d', days: 30, label: 'Last 30 days' },
  { id: '90d', days: 90, label: 'Last 90 days' },
  { id: '365d', days: 365, label: 'Last 365 days' },
] as const;
export type PresetId = (typeof PERIOD_PRESETS)[number]['id'];

/** With no period in the URL, pages show this one (the same default as the API). */
export const DEFAULT_PRESET: PresetId = '90d';

export interface Period {
  from: string;
  to: string;
}

/**
 * Reads the filters from a query string. Each value is checked on its own with the contract's schema,
 * so one bad value (a hand-edited URL) drops only itself; a period with from after to is dropped whole,
 * as is half a period, since neither can be shown honestly.
 */
export function parseFilters(search: URLSearchParams | string): GlobalFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const result: GlobalFilters = {};
  for (const key of FILTER_KEYS) {
    const raw = params.get(key)?.trim();
    if (!raw) continue;
    const parsed = globalFilters.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) result[key] = parsed.data;
  }
  if (result.from && !parseIsoDate(result.from)) delete result.from;
  if (result.to && !parseIsoDate(result.to)) delete result.to;
  if (!result.from || !result.to || result.from > result.to) {
    delete result.from;
    delete result.to;
  }
  return result;
}

/**
 * Writes the filters into a query string, keeping any other parameters a page owns. Empty filters are
 * left out so the plain URL stays plain.
 */
export function writeFilters(filters: GlobalFilters, base: URLSearchParams | string = ''): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const key of FILTER_KEYS) params.delete(key);
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) out.set(key, value);
  }
  for (const [key, value] of params) out.append(key, value);
  return out;
}

/** The query string ("?from=…") to carry the filters onto another page, or '' when there are none. */
export function filterSearch(filters: GlobalFilters): string {
  const text = writeFilters(filters).toString();
  return text ? `?${text}` : '';
}

/** A preset's period ending today, inclusive: "last 30 days" is today and the 29 days before it. */
export function presetPeriod(preset: PresetId, today: string): Period {
  const days = PERIOD_PRESETS.find((p) => p.id === preset)?.days ?? 30;
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The period a page shows: the URL's, or the default preset's. */
export function resolvePeriod(filters: GlobalFilters, today: string): Period {
  if (filters.from && filters.to) return { from: filters.from, to: filters.to };
  return presetPeriod(DEFAULT_PRESET, today);
}

/** Which preset the filters amount to, for the period selector; 'custom' for anything else. */
export function matchPreset(filters: GlobalFilters, today: string): PresetId | 'custom' {
  const period = resolvePeriod(filters, today);
  for (const preset of PERIOD_PRESETS) {
    const candidate = presetPeriod(preset.id, today);
    if (candidate.from === period.from && candidate.to === period.to) return preset.id;
  }
  return 'custom';
}

/** The API query for a page: the resolved period always, so the server and the bar agree on it. */
export function apiQuery(filters: GlobalFilters, today: string): string {
  const period = resolvePeriod(filters, today);
  return writeFilters({ ...filters, ...period }).toString();
}

/**
 * Drops choices the options no longer offer (a region removed, a channel outside the chosen
 * region), so a stale bookmark cannot filter by something the bar cannot show.
 */
export function reconcileFilters(filters: GlobalFilters, options: FilterOptionsResponse): GlobalFilters {
  const next = { ...filters };
  if (next.region && !options.regions.some((r) => r.code === next.region)) delete next.region;
  if (next.channel) {
    const channel = options.channels.find((c) => c.code === next.channel);
    if (!channel || (next.region && channel.regionCode !== next.region)) delete next.channel;
  }
  if (next.sku && !options.skus.some((s) => s.sku === next.sku)) delete next.sku;
  return next;
}

/** The channels to offer: those of the chosen region, or all. */
export function channelsFor(options: FilterOptionsResponse, region: string | undefined) {
  return region ? options.channels.filter((c) => c.regionCode === region) : options.channels;
}

/** True when two filter sets would produce the same URL. */
export function sameFilters(a: GlobalFilters, b: GlobalFilters): boolean {
  return FILTER_KEYS.every((key) => (a[key] ?? '') === (b[key] ?? ''));
}
