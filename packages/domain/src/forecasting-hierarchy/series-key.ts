/**
 * The levels of the sales hierarchy a forecast is made for, and the text key that names one series
 * (`company`, `region=UK`, `channel=amazon-uk|region=UK`, `sku=GIN-70CL`, `sku=GIN-70CL|region=UK`,
 * `sku=GIN-70CL|channel=amazon-uk|region=UK`). The bottom level is SKU × channel (a channel belongs
 * to one region); every other level is a sum of bottom series.
 */
export type SeriesLevel = 'company' | 'region' | 'channel' | 'sku' | 'sku-region' | 'sku-channel';

export const SERIES_LEVELS: readonly SeriesLevel[] = [
  'company',
  'region',
  'channel',
  'sku',
  'sku-region',
  'sku-channel',
];

export interface SeriesCoordinates {
  readonly sku?: string | undefined;
  readonly channel?: string | undefined;
  readonly region?: string | undefined;
}

/** Which coordinates each level is named by. */
export const SERIES_LEVEL_FIELDS: Record<SeriesLevel, readonly (keyof SeriesCoordinates)[]> = {
  company: [],
  region: ['region'],
  channel: ['channel', 'region'],
  sku: ['sku'],
  'sku-region': ['sku', 'region'],
  'sku-channel': ['sku', 'channel', 'region'],
};

/** The level a set of coordinates names (a channel without its region still names the channel). */
export function seriesLevelOf(coords: SeriesCoordinates): SeriesLevel {
  if (coords.sku && coords.channel) return 'sku-channel';
  if (coords.sku && coords.region) return 'sku-region';
  if (coords.sku) return 'sku';
  if (coords.channel) return 'channel';
  if (coords.region) return 'region';
  return 'company';
}

/** Only the coordinates the level is named by. */
export function seriesCoordinatesFor(level: SeriesLevel, coords: SeriesCoordinates): SeriesCoordinates {
  const out: { sku?: string; channel?: string; region?: string } = {};
  for (const field of SERIES_LEVEL_FIELDS[level]) {
    const value = coords[field];
    if (value === undefined || value === '') throw new RangeError(`a ${level} series needs a ${field}`);
    out[field] = value;
  }
  return out;
}

/** The series key; values are URI-encoded so a code containing `|` or `=` cannot break it. */
export function seriesKey(level: SeriesLevel, coords: SeriesCoordinates): string {
  if (level === 'company') return 'company';
  const named = seriesCoordinatesFor(level, coords);
  return SERIES_LEVEL_FIELDS[level].map((field) => `${field}=${encodeURIComponent(named[field]!)}`).join('|');
}

export function parseSeriesKey(key: string): { level: SeriesLevel; coords: SeriesCoordinates } {
  if (key === 'company') return { level: 'company', coords: {} };
  const coords: { sku?: string; channel?: string; region?: string } = {};
  for (const part of key.split('|')) {
    const index = part.indexOf('=');
    const field = part.slice(0, index);
    if (index < 1 || (field !== 'sku' && field !== 'channel' && field !== 'region')) {
      throw new RangeError(`not a series key: "${key}"`);
    }
    coords[field] = decodeURIComponent(part.slice(index + 1));
  }
  const level = seriesLevelOf(coords);
  if (seriesKey(level, coords) !== key) throw new RangeError(`not a series key: "${key}"`);
  return { level, coords };
}
