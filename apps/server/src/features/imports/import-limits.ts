import { type ImportLimits, importLimits } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../audit/record-audit';
import { recordAudit } from '../audit/record-audit';

/** The settings key holding overrides of the limits below. */
export const IMPORT_LIMITS_SETTING = 'imports.limits';

const MIB = 1024 * 1024;

/**
 * Defaults: 100 MB covers about a million order lines as CSV; an XLSX sheet expands 5–20 times
 * when unzipped, so 1 GB expanded with at most 200× per part leaves room for real workbooks
 * while a zip bomb (1000× and more) is refused before anything parses it.
 */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxUploadBytes: 100 * MIB,
  maxXlsxExpandedBytes: 1024 * MIB,
  maxXlsxCompressionRatio: 200,
  maxXlsxEntries: 1000,
  maxRows: 2_000_000,
  fileRetentionDays: 7,
};

/** The limits in force: the defaults overridden by the `imports.limits` setting (invalid values ignored). */
export async function getImportLimits(db: Database): Promise<ImportLimits> {
  const [row] = await db
    .select({ value: schema.settings.value })
    .from(schema.settings)
    .where(eq(schema.settings.key, IMPORT_LIMITS_SETTING));
  const stored = importLimits.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_IMPORT_LIMITS, ...(stored.success ? stored.data : {}) };
}

/** Changes some limits, audited as a settings change in the same transaction. */
export async function setImportLimits(
  db: Database,
  actor: Actor,
  changes: Partial<ImportLimits>,
): Promise<ImportLimits> {
  return db.transaction(async (tx) => {
    const before = await getImportLimits(tx as unknown as Database);
    const after = { ...before, ...changes };
    await tx
      .insert(schema.settings)
      .values({ key: IMPORT_LIMITS_SETTING, value: after, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: schema.settings.key,
        set: { value: after, updatedAt: sql`now()`, updatedBy: actor.userId },
      });
    await recordAudit(tx, actor, {
      action: 'settings.changed',
      targetType: 'setting',
      targetId: IMPORT_LIMITS_SETTING,
      before,
      after,
    });
    return after;
  });
}
