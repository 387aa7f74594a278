import type { AdjustmentVersion, ForecastAdjustmentBody } from '@sentia/contracts';
import { type Database, queryRows, schema } from '@sentia/db';
import type { ForecastGranularity } from '@sentia/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';
import { queryLatestRun } from './queries/query-runs';
import { querySeries } from './queries/query-series';
import type { ResolvedSeries } from './resolve-series';

interface AdjustmentRow {
  series_key: string;
  granularity: ForecastGranularity;
  version: number;
  adjustments: ForecastAdjustmentBody;
  note: string | null;
  created_at: string;
  created_by: string | null;
  created_by_name: string | null;
}

function toVersion(row: AdjustmentRow): AdjustmentVersion {
  return {
    seriesKey: row.series_key,
    granularity: row.granularity,
    version: Number(row.version),
    adjustment: row.adjustments,
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: { id: row.created_by, name: row.created_by_name },
  };
}

const SELECT_VERSIONS = sql`
  select a.series_key, a.granularity, a.version, a.adjustments, a.note, a.created_at::text as created_at,
         a.created_by::text as created_by, u.name as created_by_name
  from forecast_adjustments a left join users u on u.id = a.created_by`;

/** The current (latest) adjustment version of every adjusted series of a granularity. */
export async function queryCurrentAdjustments(
  db: Database,
  granularity: ForecastGranularity,
): Promise<Map<string, AdjustmentVersion>> {
  const rows = await queryRows<AdjustmentRow>(
    db,
    sql`select distinct on (x.series_key) x.* from (${SELECT_VERSIONS} where a.granularity = ${granularity}) x
        order by x.series_key, x.version desc`,
  );
  return new Map(rows.map((row) => [row.series_key, toVersion(row)]));
}

/** Every version of one series' adjustment, newest first, with who made it. */
export async function listAdjustmentVersions(
  db: Database,
  series: ResolvedSeries,
  granularity: ForecastGranularity,
): Promise<AdjustmentVersion[]> {
  const rows = await queryRows<AdjustmentRow>(
    db,
    sql`${SELECT_VERSIONS} where a.series_key = ${series.key} and a.granularity = ${granularity} order by a.version desc`,
  );
  return rows.map(toVersion);
}

/**
 * Saves a new version of a series' adjustment, attributed to the actor and audited in the same
 * transaction. `baseVersion` is the version the planner started from: if someone saved a newer one
 * meanwhile, nothing is saved and the conflict says so (optimistic concurrency). The statistical
 * forecast is never touched; the adjustment applies to whatever run is current.
 */
export async function saveAdjustment(
  db: Database,
  actor: Actor,
  input: {
    series: ResolvedSeries;
    granularity: ForecastGranularity;
    baseVersion: number;
    adjustment: ForecastAdjustmentBody;
    note?: string | undefined;
  },
): Promise<AdjustmentVersion> {
  const { series, granularity } = input;
  const run = await queryLatestRun(db, granularity);
  if (!run || !(await querySeries(db, run.id, series.key))) {
    throw new NotFoundError('There is no forecast for this series to adjust yet.');
  }
  const version = await db
    .transaction(async (tx) => {
      const [latest] = await tx
        .select()
        .from(schema.forecastAdjustments)
        .where(
          and(
            eq(schema.forecastAdjustments.seriesKey, series.key),
            eq(schema.forecastAdjustments.granularity, granularity),
          ),
        )
        .orderBy(desc(schema.forecastAdjustments.version))
        .limit(1);
      const current = latest?.version ?? 0;
      if (current !== input.baseVersion) {
        throw new ConflictError(
          `This forecast's adjustment was changed (now version ${current}) since version ${input.baseVersion} was loaded; reload to see it.`,
        );
      }
      const [row] = await tx
        .insert(schema.forecastAdjustments)
        .values({
          seriesKey: series.key,
          granularity,
          version: current + 1,
          adjustments: input.adjustment,
          note: input.note ?? null,
          createdBy: actor.userId,
        })
        .returning({ version: schema.forecastAdjustments.version });
      await recordAudit(tx, actor, {
        action: 'forecasts.adjusted',
        targetType: 'forecast-series',
        targetId: `${granularity}:${series.key}`,
        before: latest ? { version: latest.version, adjustment: latest.adjustments } : null,
        after: { version: row!.version, adjustment: input.adjustment, note: input.note ?? null },
      });
      return row!.version;
    })
    .catch((error: unknown) => {
      // Two saves on the same version at once: the unique (series, granularity, version) refuses one.
      if (isUniqueViolation(error))
        throw new ConflictError(
          'Someone saved an adjustment of this forecast at the same moment; reload to see it.',
        );
      throw error;
    });
  const [saved] = (await listAdjustmentVersions(db, series, granularity)).filter(
    (v) => v.version === version,
  );
  return saved!;
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ??
    (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}
