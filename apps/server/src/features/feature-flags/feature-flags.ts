import { FEATURE_KEYS, type FeatureFlagView, type FeatureKey } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { eq, inArray, sql } from 'drizzle-orm';
import type { AppConfig } from '../../platform/config/load-config';
import type { EventBus } from '../../platform/events/event-bus';
import { type Actor, recordAudit } from '../audit/record-audit';

export type { FeatureKey };

export const FEATURE_LABELS: Record<FeatureKey, string> = {
  forecasting: 'Demand forecasting',
  optimization: 'Inventory optimisation',
  workingCapital: 'Working capital',
};

/** How long a replica trusts its copy: an override reaches every replica within this time at most. */
export const FLAGS_REFRESH_MS = 2_000;

export function featureDefaults(config: AppConfig): Record<FeatureKey, boolean> {
  return {
    forecasting: config.FEATURE_FORECASTING,
    optimization: config.FEATURE_OPTIMIZATION,
    workingCapital: config.FEATURE_WORKING_CAPITAL,
  };
}

/**
 * Feature switches as every replica sees them: the FEATURE_* settings are the defaults, and an admin
 * may override each at run time (kept in `feature_flags`, audited, published as `flags.changed`).
 * Each replica re-reads the table at most every FLAGS_REFRESH_MS, and at once when it hears
 * `flags.changed`, so a switch takes effect everywhere within seconds without a restart.
 */
export class FeatureFlags {
  private cached: { views: FeatureFlagView[]; at: number } | undefined;
  private loading: Promise<FeatureFlagView[]> | undefined;

  constructor(
    private readonly db: Database,
    private readonly defaults: Record<FeatureKey, boolean>,
    private readonly events?: EventBus,
  ) {}

  async isEnabled(key: FeatureKey): Promise<boolean> {
    const flag = (await this.list()).find((f) => f.key === key);
    return flag?.enabled ?? this.defaults[key];
  }

  async enabledMap(): Promise<Record<FeatureKey, boolean>> {
    const views = await this.list();
    return Object.fromEntries(views.map((f) => [f.key, f.enabled])) as Record<FeatureKey, boolean>;
  }

  async list(): Promise<FeatureFlagView[]> {
    if (this.cached && Date.now() - this.cached.at < FLAGS_REFRESH_MS) return this.cached.views;
    // One read for concurrent callers.
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** Forget the cached copy (another replica changed a flag). */
  invalidate(): void {
    this.cached = undefined;
  }

  /** Overrides a flag (`null` restores the default), audited in the same transaction. */
  async set(actor: Actor, key: FeatureKey, enabled: boolean | null): Promise<FeatureFlagView> {
    await this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(schema.featureFlags).where(eq(schema.featureFlags.key, key));
      if (enabled === null) {
        await tx.delete(schema.featureFlags).where(eq(schema.featureFlags.key, key));
      } else {
        await tx
          .insert(schema.featureFlags)
          .values({ key, enabled, updatedBy: actor.userId })
          .onConflictDoUpdate({
            target: schema.featureFlags.key,
            set: { enabled, updatedAt: sql`now()`, updatedBy: actor.userId },
          });
      }
      await recordAudit(tx, actor, {
        action: 'feature-flags.changed',
        targetType: 'feature-flag',
        targetId: key,
        before: { override: before?.enabled ?? null, default: this.defaults[key] },
        after: { override: enabled, default: this.defaults[key] },
      });
    });
    this.invalidate();
    const views = await this.list();
    const view = views.find((f) => f.key === key)!;
    await this.events?.publish({ type: 'flags.changed', data: { key, enabled: view.enabled } });
    return view;
  }

  private async load(): Promise<FeatureFlagView[]> {
    const rows = await this.db
      .select()
      .from(schema.featureFlags)
      .where(inArray(schema.featureFlags.key, [...FEATURE_KEYS]));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const views = FEATURE_KEYS.map((key): FeatureFlagView => {
      const row = byKey.get(key);
      return {
        key,
        label: FEATURE_LABELS[key],
        default: this.defaults[key],
        override: row ? row.enabled : null,
        enabled: row ? row.enabled : this.defaults[key],
        updatedAt: row?.updatedAt.toISOString() ?? null,
        updatedBy: row?.updatedBy ?? null,
      };
    });
    this.cached = { views, at: Date.now() };
    return views;
  }
}

/**
 * The one way features ask whether they are switched on: async, cached for FLAGS_REFRESH_MS, and
 * aware of run-time overrides. Routes can instead declare `config: { feature: 'forecasting' }` and
 * answer 404 problem+json while it is off (feature-gate.ts).
 */
export function isFeatureEnabled(ctx: { flags: FeatureFlags }, key: FeatureKey): Promise<boolean> {
  return ctx.flags.isEnabled(key);
}
