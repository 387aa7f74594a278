import type { SeriesRef } from '@sentia/contracts';
import { type SeriesCoordinates, type SeriesLevel, seriesKey } from '@sentia/domain';
import type { CatalogueNames } from './queries/query-names';

/** Whether the bottom series (SKU × channel in a region) is part of the node's total. */
export function containsBottom(node: SeriesCoordinates, bottom: SeriesCoordinates): boolean {
  return (
    (node.sku === undefined || node.sku === bottom.sku) &&
    (node.channel === undefined || node.channel === bottom.channel) &&
    (node.region === undefined || node.region === bottom.region)
  );
}

/**
 * The drill-down below each level: Global → Region → Channel → SKU, and from a SKU to its regions and
 * channels.
 */
export const CHILD_LEVEL: Record<SeriesLevel, SeriesLevel | null> = {
  company: 'region',
  region: 'channel',
  channel: 'sku-channel',
  sku: 'sku-region',
  'sku-region': 'sku-channel',
  'sku-channel': null,
};

/** A series one level down from `parent` (by CHILD_LEVEL) whose coordinates extend the parent's. */
export function isChildOf(
  child: { level: SeriesLevel; coords: SeriesCoordinates },
  parent: { level: SeriesLevel; coords: SeriesCoordinates },
): boolean {
  return CHILD_LEVEL[parent.level] === child.level && containsBottom(parent.coords, child.coords);
}

/** From the company total down to the series, for breadcrumbs. */
export function trailOf(
  level: SeriesLevel,
  coords: SeriesCoordinates,
): { level: SeriesLevel; coords: SeriesCoordinates }[] {
  const { sku, channel, region } = coords;
  const company = { level: 'company' as const, coords: {} };
  switch (level) {
    case 'company':
      return [company];
    case 'region':
      return [company, { level, coords: { region } }];
    case 'channel':
      return [company, { level: 'region', coords: { region } }, { level, coords: { channel, region } }];
    case 'sku-channel':
      return [
        company,
        { level: 'region', coords: { region } },
        { level: 'channel', coords: { channel, region } },
        { level, coords: { sku, channel, region } },
      ];
    case 'sku':
      return [company, { level, coords: { sku } }];
    case 'sku-region':
      return [company, { level: 'region', coords: { region } }, { level, coords: { sku, region } }];
  }
}

export function seriesLabel(level: SeriesLevel, coords: SeriesCoordinates, names: CatalogueNames): string {
  const region = coords.region ? (names.regions.get(coords.region) ?? coords.region) : '';
  const channel = coords.channel ? (names.channels.get(coords.channel) ?? coords.channel) : '';
  switch (level) {
    case 'company':
      return 'All regions and channels';
    case 'region':
      return region;
    case 'channel':
      return channel;
    case 'sku': {
      const name = names.products.get(coords.sku!);
      return name ? `${coords.sku} — ${name}` : coords.sku!;
    }
    case 'sku-region':
      return `${coords.sku} in ${region}`;
    case 'sku-channel':
      return `${coords.sku} in ${channel}`;
  }
}

export function seriesRefOf(level: SeriesLevel, coords: SeriesCoordinates, names: CatalogueNames): SeriesRef {
  return {
    key: seriesKey(level, coords),
    level,
    label: seriesLabel(level, coords, names),
    sku: coords.sku ?? null,
    channel: coords.channel ?? null,
    region: coords.region ?? null,
  };
}
