import { type Database, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import { ValidationError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';

export interface MaintenanceState {
  enabled: boolean;
  message: string | null;
  /** `environment`: MAINTENANCE_MODE=true forces it on; `setting`: an admin switched it at run time. */
  source: 'environment' | 'setting' | 'off';
  updatedAt: string | null;
}

const KEY = 'maintenance';
/** How long a replica trusts its copy: every replica sees a change within this time. */
export const MAINTENANCE_REFRESH_MS = 2_000;

/**
 * Maintenance mode as every replica sees it: forced on by MAINTENANCE_MODE, or switched at run time
 * by an admin (kept in `settings`, so it survives restarts and reaches all replicas).
 */
export class MaintenanceSwitch {
  private cached: { state: MaintenanceState; at: number } | undefined;

  constructor(
    private readonly db: Database,
    private readonly forcedByEnvironment: boolean,
  ) {}

  async current(): Promise<MaintenanceState> {
    const fresh = this.peek();
    if (fresh) return fresh;
    const [row] = await this.db.select().from(schema.settings).where(eq(schema.settings.key, KEY));
    const value = row?.value as { enabled?: boolean; message?: string | null } | undefined;
    const state: MaintenanceState = value?.enabled
      ? {
          enabled: true,
          message: value.message ?? null,
          source: 'setting',
          updatedAt: row!.updatedAt.toISOString(),
        }
      : { enabled: false, message: null, source: 'off', updatedAt: row?.updatedAt.toISOString() ?? null };
    this.cached = { state, at: Date.now() };
    return state;
  }

  /** The state when known without a read (forced, or read within MAINTENANCE_REFRESH_MS). */
  peek(): MaintenanceState | undefined {
    if (this.forcedByEnvironment) {
      return { enabled: true, message: 'Scheduled maintenance.', source: 'environment', updatedAt: null };
    }
    if (this.cached && Date.now() - this.cached.at < MAINTENANCE_REFRESH_MS) return this.cached.state;
    return undefined;
  }

  async set(actor: Actor, enabled: boolean, message: string | null): Promise<MaintenanceState> {
    if (this.forcedByEnvironment && !enabled) {
      throw new ValidationError(
        'Maintenance mode is forced on by MAINTENANCE_MODE; unset it in the environment.',
        [{ field: 'body.enabled', message: 'cannot switch off while MAINTENANCE_MODE=true' }],
      );
    }
    await this.db.transaction(async (tx) => {
      const value = { enabled, message };
      await tx
        .insert(schema.settings)
        .values({ key: KEY, value, updatedBy: actor.userId })
        .onConflictDoUpdate({
          target: schema.settings.key,
          set: { value, updatedAt: sql`now()`, updatedBy: actor.userId },
        });
      await recordAudit(tx, actor, {
        action: enabled ? 'maintenance.enabled' : 'maintenance.disabled',
        targetType: 'setting',
        targetId: KEY,
        after: value,
      });
    });
    this.cached = undefined;
    return this.current();
  }
}
