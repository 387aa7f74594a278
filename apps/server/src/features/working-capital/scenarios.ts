import { cashAdjustments, type SaveScenarioBody, type ScenarioView } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { STANDARD_SCENARIOS } from '@sentia/domain';
import { asc, sql } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';

const DEFAULT_SCENARIO = 'Base';

/**
 * The standard scenarios (base, optimistic, pessimistic, stress — from code until someone edits
 * one, then from the database) followed by saved custom scenarios. Reading never writes.
 */
export async function listScenarios(db: Database): Promise<ScenarioView[]> {
  const rows = await db.select().from(schema.scenarios).orderBy(asc(schema.scenarios.name));
  const saved = new Map(rows.map((r) => [r.name.toLowerCase(), r]));
  const toView = (row: (typeof rows)[number], standard: boolean): ScenarioView => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    adjustments: cashAdjustments.parse(row.adjustments),
    standard,
    createdAt: row.createdAt.toISOString(),
  });
  const standard = STANDARD_SCENARIOS.map((s): ScenarioView => {
    const row = saved.get(s.name.toLowerCase());
    return row
      ? toView(row, true)
      : {
          id: null,
          name: s.name,
          kind: s.kind,
          adjustments: { ...s.adjustments, fxPct: { ...s.adjustments.fxPct } },
          standard: true,
          createdAt: null,
        };
  });
  const standardNames = new Set(STANDARD_SCENARIOS.map((s) => s.name.toLowerCase()));
  const custom = rows.filter((r) => !standardNames.has(r.name.toLowerCase())).map((r) => toView(r, false));
  return [...standard, ...custom];
}

/** The scenario of that name (any case), Base when none is given; NotFoundError when unknown. */
export async function resolveScenario(db: Database, name: string | undefined): Promise<ScenarioView> {
  const wanted = (name ?? DEFAULT_SCENARIO).toLowerCase();
  const found = (await listScenarios(db)).find((s) => s.name.toLowerCase() === wanted);
  if (!found) throw new NotFoundError(`No scenario named "${name}".`);
  return found;
}

/**
 * Saves a scenario: a new custom one, or new adjustments for an existing name (a standard one
 * keeps its kind). Audited as `scenarios.saved` in the same transaction.
 */
export async function saveScenario(
  db: Database,
  actor: Actor,
  body: SaveScenarioBody,
): Promise<ScenarioView> {
  const standard = STANDARD_SCENARIOS.find((s) => s.name.toLowerCase() === body.name.toLowerCase());
  const kind = standard?.kind ?? 'custom';
  if (body.kind && body.kind !== kind) {
    throw new ValidationError('The kind does not match the scenario.', [
      {
        field: 'body.kind',
        message: standard
          ? `"${standard.name}" is the ${standard.kind} scenario`
          : 'saved scenarios other than the four standard ones are custom',
      },
    ]);
  }
  const name = standard?.name ?? body.name;
  await db.transaction(async (tx) => {
    const before = await tx
      .select({ adjustments: schema.scenarios.adjustments })
      .from(schema.scenarios)
      .where(sql`lower(${schema.scenarios.name}) = ${name.toLowerCase()}`);
    await tx
      .insert(schema.scenarios)
      .values({ name, kind, adjustments: body.adjustments, createdBy: actor.userId })
      .onConflictDoUpdate({
        target: schema.scenarios.name,
        set: { kind, adjustments: body.adjustments, createdBy: actor.userId },
      });
    await recordAudit(tx, actor, {
      action: 'scenarios.saved',
      targetType: 'scenario',
      targetId: name,
      before: before[0]?.adjustments ?? (standard ? standard.adjustments : null),
      after: body.adjustments,
    });
  });
  return resolveScenario(db, name);
}
