import {
  type WorkingCapitalSettings,
  type WorkingCapitalSettingsResponse,
  workingCapitalSettings,
} from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { asc, eq, sql } from 'drizzle-orm';
import { ValidationError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';

export const WORKING_CAPITAL_SETTINGS_KEY = 'working-capital.settings';

/**
 * Defaults until someone saves settings. Thresholds are the product brief's example policy; money
 * amounts are zero (no facility, no minimum beyond staying positive, no recurring costs entered) —
 * policy choices the finance team makes, never figures we invent.
 */
export const DEFAULT_WORKING_CAPITAL_SETTINGS: WorkingCapitalSettings = {
  channelTerms: [],
  recurringCosts: [],
  creditFacility: { limitMinor: 0, drawnMinor: 0 },
  minimumCashMinor: 0,
  cccThresholds: { target: 55, warning: 65, critical: 75 },
  cccRiseAlertDays: 10,
  includeObservedOtherFlows: true,
};

export interface StoredSettings {
  settings: WorkingCapitalSettings;
  isDefault: boolean;
  updatedAt: string | null;
}

/** The saved settings, or the defaults; a stored value that no longer parses falls back to defaults per field. */
export async function loadWorkingCapitalSettings(db: Database): Promise<StoredSettings> {
  const [row] = await db
    .select({ value: schema.settings.value, updatedAt: schema.settings.updatedAt })
    .from(schema.settings)
    .where(eq(schema.settings.key, WORKING_CAPITAL_SETTINGS_KEY));
  if (!row) return { settings: DEFAULT_WORKING_CAPITAL_SETTINGS, isDefault: true, updatedAt: null };
  const parsed = workingCapitalSettings.safeParse({
    ...DEFAULT_WORKING_CAPITAL_SETTINGS,
    ...(row.value as object),
  });
  return {
    settings: parsed.success ? parsed.data : DEFAULT_WORKING_CAPITAL_SETTINGS,
    isDefault: false,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ChannelRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  regionCode: string;
  currency: string;
  settlementDays: number;
}

export async function queryChannels(db: Database): Promise<ChannelRow[]> {
  return db
    .select({
      id: schema.channels.id,
      code: schema.channels.code,
      name: schema.channels.name,
      kind: schema.channels.kind,
      regionCode: schema.channels.regionCode,
      currency: schema.channels.currency,
      settlementDays: schema.channels.settlementDays,
    })
    .from(schema.channels)
    .orderBy(asc(schema.channels.code));
}

/** Each channel's effective terms: the saved override, else the channel's own settlement days, paid daily. */
export function effectiveChannelTerms(channels: readonly ChannelRow[], settings: WorkingCapitalSettings) {
  return channels.map((channel) => {
    const override = settings.channelTerms.find((t) => t.channelCode === channel.code);
    return {
      channelCode: channel.code,
      name: channel.name,
      kind: channel.kind,
      currency: channel.currency,
      sourceSettlementDays: channel.settlementDays,
      settlementDays: override?.settlementDays ?? channel.settlementDays,
      payoutEveryDays: override?.payoutEveryDays ?? 1,
      overridden: override !== undefined,
    };
  });
}

export async function getWorkingCapitalSettings(
  db: Database,
  observedOtherFlowsPerWeekMinor: number | null,
): Promise<WorkingCapitalSettingsResponse> {
  const [stored, channels] = await Promise.all([loadWorkingCapitalSettings(db), queryChannels(db)]);
  return {
    settings: stored.settings,
    isDefault: stored.isDefault,
    channels: effectiveChannelTerms(channels, stored.settings),
    observedOtherFlowsPerWeekMinor,
    updatedAt: stored.updatedAt,
  };
}

/**
 * Replaces the settings, audited (`settings.changed`, before and after) in the same transaction.
 * Channel terms must name existing channels.
 */
export async function saveWorkingCapitalSettings(
  db: Database,
  actor: Actor,
  next: WorkingCapitalSettings,
): Promise<void> {
  const codes = new Set((await queryChannels(db)).map((c) => c.code));
  const unknown = next.channelTerms.findIndex((t) => !codes.has(t.channelCode));
  if (unknown >= 0) {
    throw new ValidationError('Unknown channel in the settlement terms.', [
      {
        field: `body.channelTerms.${unknown}.channelCode`,
        message: `no channel "${next.channelTerms[unknown]!.channelCode}"`,
      },
    ]);
  }
  const seen = new Set<string>();
  next.channelTerms.forEach((t, i) => {
    if (seen.has(t.channelCode)) {
      throw new ValidationError('A channel is listed twice in the settlement terms.', [
        { field: `body.channelTerms.${i}.channelCode`, message: `"${t.channelCode}" appears more than once` },
      ]);
    }
    seen.add(t.channelCode);
  });
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ value: schema.settings.value })
      .from(schema.settings)
      .where(eq(schema.settings.key, WORKING_CAPITAL_SETTINGS_KEY))
      .for('update');
    await tx
      .insert(schema.settings)
      .values({ key: WORKING_CAPITAL_SETTINGS_KEY, value: next, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: schema.settings.key,
        set: { value: next, updatedAt: sql`now()`, updatedBy: actor.userId },
      });
    await recordAudit(tx, actor, {
      action: 'settings.changed',
      targetType: 'setting',
      targetId: WORKING_CAPITAL_SETTINGS_KEY,
      before: before?.value ?? null,
      after: next,
    });
  });
}
