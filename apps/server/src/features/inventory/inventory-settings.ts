import {
  type InventorySettingsView,
  inventorySettings,
  type UpdateInventorySettingsBody,
} from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { DEFAULT_INVENTORY_SETTINGS } from '@sentia/domain';
import { eq, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../audit/record-audit';

export const INVENTORY_SETTINGS_KEY = 'inventory.settings';

export const DEFAULT_SETTINGS: InventorySettingsView = {
  ...DEFAULT_INVENTORY_SETTINGS,
  receivingLocationCode: null,
};

type Db = Pick<Database, 'select'>;

/** The saved settings over the defaults (a setting saved by an older version keeps working). */
export async function readInventorySettings(
  db: Db,
): Promise<{ settings: InventorySettingsView; updatedAt: string | null }> {
  const [row] = await db
    .select({ value: schema.settings.value, updatedAt: schema.settings.updatedAt })
    .from(schema.settings)
    .where(eq(schema.settings.key, INVENTORY_SETTINGS_KEY));
  if (!row) return { settings: DEFAULT_SETTINGS, updatedAt: null };
  const saved = row.value as Partial<InventorySettingsView>;
  const merged = {
    ...DEFAULT_SETTINGS,
    ...saved,
    serviceLevels: { ...DEFAULT_SETTINGS.serviceLevels, ...(saved.serviceLevels ?? {}) },
  };
  const parsed = inventorySettings.safeParse(merged);
  return {
    settings: parsed.success ? parsed.data : DEFAULT_SETTINGS,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Applies a change to the settings and records it in the audit log, in the caller's transaction. */
export async function writeInventorySettings(
  tx: Pick<Database, 'select' | 'insert'>,
  actor: Actor,
  change: UpdateInventorySettingsBody,
): Promise<{ before: InventorySettingsView; after: InventorySettingsView }> {
  const { settings: before } = await readInventorySettings(tx);
  const after = inventorySettings.parse({
    ...before,
    ...change,
    serviceLevels: { ...before.serviceLevels, ...(change.serviceLevels ?? {}) },
  });
  await tx
    .insert(schema.settings)
    .values({ key: INVENTORY_SETTINGS_KEY, value: after, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: schema.settings.key,
      set: { value: after, updatedAt: sql`now()`, updatedBy: actor.userId },
    });
  await recordAudit(tx, actor, {
    action: 'settings.changed',
    targetType: 'setting',
    targetId: INVENTORY_SETTINGS_KEY,
    before,
    after,
  });
  return { before, after };
}
