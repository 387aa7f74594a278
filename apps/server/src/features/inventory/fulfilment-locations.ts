import type { PlanChannel, PlanLocation } from './queries/query-plan-catalogue';

/**
 * Which location ships each channel's orders, so channel demand can be planned where the stock is.
 * The data has no explicit link yet, so the rule is: Amazon channels ship from the Amazon (FBA) location
 * of their region; every other channel from its region's own warehouse, else its third-party warehouse;
 * a channel whose region holds no such location ships from the receiving location. When a connector
 * supplies the real assignment (e.g. Unleashed sales orders' warehouse), replace this function.
 */
export function fulfilmentLocations(
  channels: readonly PlanChannel[],
  locations: readonly PlanLocation[],
  receivingLocationId: number | null,
): Map<number, number | null> {
  const inRegion = (region: string, kinds: readonly string[]) => {
    for (const kind of kinds) {
      const match = locations.find((l) => l.regionCode === region && l.kind === kind);
      if (match) return match.id;
    }
    return null;
  };
  return new Map(
    channels.map((channel) => [
      channel.id,
      (channel.kind === 'amazon'
        ? inRegion(channel.regionCode, ['fba'])
        : inRegion(channel.regionCode, ['warehouse', '3pl', 'production'])) ?? receivingLocationId,
    ]),
  );
}

/**
 * Where purchases and production land: the configured location, else the first own warehouse or
 * production site, else the first location.
 */
export function receivingLocation(
  locations: readonly PlanLocation[],
  configuredCode: string | null,
): PlanLocation | null {
  if (configuredCode) {
    const configured = locations.find((l) => l.code === configuredCode);
    if (configured) return configured;
  }
  return (
    locations.find((l) => l.kind === 'warehouse') ??
    locations.find((l) => l.kind === 'production') ??
    locations[0] ??
    null
  );
}
