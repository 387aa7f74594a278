import type { Database } from '@sentia/db';
import { schema } from '@sentia/db';
import {
  type SeriesCoordinates,
  type SeriesLevel,
  seriesCoordinatesFor,
  seriesKey,
  seriesLevelOf,
} from '@sentia/domain';
import { eq } from 'drizzle-orm';
import { ValidationError } from '../../platform/errors';

export interface ResolvedSeries {
  level: SeriesLevel;
  key: string;
  coords: SeriesCoordinates;
}

/**
 * The series a query names: its level (given, or implied by the coordinates) and key. A channel
 * brings its region (a channel sells in one region); a level that needs a coordinate the query
 * lacks, or a channel outside the region given, is a validation error naming the field.
 */
export async function resolveSeries(
  db: Database,
  query: {
    level?: SeriesLevel | undefined;
    sku?: string | undefined;
    channel?: string | undefined;
    region?: string | undefined;
  },
  where: 'querystring' | 'body' = 'querystring',
): Promise<ResolvedSeries> {
  let region = query.region;
  if (query.channel) {
    const [channel] = await db
      .select({ region: schema.channels.regionCode })
      .from(schema.channels)
      .where(eq(schema.channels.code, query.channel));
    if (!channel) {
      throw new ValidationError('There is no such channel.', [
        { field: `${where}.channel`, message: 'unknown channel' },
      ]);
    }
    if (region && region !== channel.region) {
      throw new ValidationError(`Channel ${query.channel} sells in ${channel.region}, not ${region}.`, [
        { field: `${where}.region`, message: `the channel is in ${channel.region}` },
      ]);
    }
    region = channel.region;
  }
  const given = { sku: query.sku, channel: query.channel, region };
  const level = query.level ?? seriesLevelOf(given);
  let coords: SeriesCoordinates;
  try {
    coords = seriesCoordinatesFor(level, given);
  } catch (error) {
    const field = /needs a (\w+)/.exec((error as Error).message)?.[1] ?? 'level';
    throw new ValidationError(`A ${level} forecast needs a ${field}.`, [
      { field: `${where}.${field}`, message: `required for level ${level}` },
    ]);
  }
  return { level, key: seriesKey(level, coords), coords };
}
