import { type Database, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';

/** The settings key that records a finished demo load (and with what seed and period). */
export const DEMO_LOADED_SETTING = 'demo.loadedAt';

export interface DemoLoadedSetting {
  loadedAt: string;
  seed: number;
  startDate: string;
  endDate: string;
  days: number;
  syncRunId: string;
  recordsWritten: number;
}

/** Whether the demo data set has been loaded into this database (so start-up does not load it again). */
export async function isDemoDataLoaded(db: Database): Promise<boolean> {
  return (await findDemoLoad(db)) !== null;
}

/** The record of the last finished demo load, or null when the demo was never loaded. */
export async function findDemoLoad(db: Database): Promise<DemoLoadedSetting | null> {
  const [row] = await db
    .select({ value: schema.settings.value })
    .from(schema.settings)
    .where(eq(schema.settings.key, DEMO_LOADED_SETTING));
  return (row?.value as DemoLoadedSetting | undefined) ?? null;
}

export async function markDemoLoaded(db: Database, value: DemoLoadedSetting): Promise<void> {
  await db
    .insert(schema.settings)
    .values({ key: DEMO_LOADED_SETTING, value })
    .onConflictDoUpdate({ target: schema.settings.key, set: { value, updatedAt: sql`now()` } });
}
