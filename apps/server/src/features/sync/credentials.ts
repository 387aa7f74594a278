import { schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { ValidationError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';
import type { ConnectorDefinition, CredentialField } from './connector';

export type CredentialValues = Record<string, string>;

/** Where each credential value of a connector comes from: entered in the app, else the environment. */
export interface ResolvedCredentials {
  values: Partial<CredentialValues>;
  sources: Record<string, 'app' | 'environment'>;
}

/** The values an admin entered, decrypted (for the sync itself: not audited as a person's read). */
export async function findStoredCredentials(
  ctx: AppContext,
  connector: string,
): Promise<CredentialValues | null> {
  const [row] = await ctx.db
    .select({ ciphertext: schema.connectorCredentials.ciphertext })
    .from(schema.connectorCredentials)
    .where(eq(schema.connectorCredentials.connector, connector));
  if (!row) return null;
  // The connector name is bound as associated data: a row copied to another connector fails to open.
  return JSON.parse(ctx.secretBox.open(row.ciphertext, `connector:${connector}`)) as CredentialValues;
}

export async function resolveCredentials(
  ctx: AppContext,
  definition: Pick<ConnectorDefinition, 'name' | 'credentialFields'>,
): Promise<ResolvedCredentials> {
  const stored = (await findStoredCredentials(ctx, definition.name)) ?? {};
  const env = ctx.config as unknown as Record<string, unknown>;
  const values: Partial<CredentialValues> = {};
  const sources: ResolvedCredentials['sources'] = {};
  for (const field of definition.credentialFields) {
    const fromApp = stored[field.key];
    const fromEnv = field.env ? env[field.env] : undefined;
    if (typeof fromApp === 'string' && fromApp !== '') {
      values[field.key] = fromApp;
      sources[field.key] = 'app';
    } else if (typeof fromEnv === 'string' && fromEnv !== '') {
      values[field.key] = fromEnv;
      sources[field.key] = 'environment';
    }
  }
  return { values, sources };
}

export interface CredentialFieldView extends Omit<CredentialField, 'env'> {
  env: string | null;
  set: boolean;
  source: 'app' | 'environment' | null;
  /** Shown for non-secret fields only; secrets are never sent back. */
  value: string | null;
}

/**
 * The credentials form for a person: which fields are set and from where, non-secret values
 * (shop domains, client ids) in clear, secrets as set/not set. Recorded in the audit log as a read.
 */
export async function viewCredentials(
  ctx: AppContext,
  actor: Actor,
  definition: ConnectorDefinition,
): Promise<CredentialFieldView[]> {
  const resolved = await resolveCredentials(ctx, definition);
  await recordAudit(ctx.db, actor, {
    action: 'connector-credentials.read',
    targetType: 'connector',
    targetId: definition.name,
  });
  return definition.credentialFields.map((field) => ({
    key: field.key,
    label: field.label,
    secret: field.secret,
    env: field.env ?? null,
    ...(field.help ? { help: field.help } : {}),
    ...(field.placeholder ? { placeholder: field.placeholder } : {}),
    set: resolved.values[field.key] !== undefined,
    source: resolved.sources[field.key] ?? null,
    value: field.secret ? null : (resolved.values[field.key] ?? null),
  }));
}

/**
 * Stores what an admin entered, encrypted (AES-256-GCM), in the same transaction as its audit
 * entry. A field given as a string replaces the stored value, `null` removes it (the environment's
 * value, if any, applies again), a missing field is left as it is. The audit entry names the
 * fields that changed, never their values.
 */
export async function saveCredentials(
  ctx: AppContext,
  actor: Actor,
  definition: ConnectorDefinition,
  changes: Record<string, string | null>,
): Promise<void> {
  const known = new Set(definition.credentialFields.map((f) => f.key));
  const unknown = Object.keys(changes).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new ValidationError(
      `${definition.label} has no credential ${unknown.map((k) => `"${k}"`).join(', ')}.`,
      unknown.map((k) => ({ field: `body.values.${k}`, message: 'unknown field' })),
    );
  }
  const stored = (await findStoredCredentials(ctx, definition.name)) ?? {};
  const next: CredentialValues = { ...stored };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') {
      if (key in next) changed.push(key);
      delete next[key];
    } else if (next[key] !== trimmed) {
      next[key] = trimmed;
      changed.push(key);
    }
  }
  if (changed.length === 0) return;
  await ctx.db.transaction(async (tx) => {
    if (Object.keys(next).length === 0) {
      await tx
        .delete(schema.connectorCredentials)
        .where(eq(schema.connectorCredentials.connector, definition.name));
    } else {
      const ciphertext = ctx.secretBox.seal(JSON.stringify(next), `connector:${definition.name}`);
      await tx
        .insert(schema.connectorCredentials)
        .values({ connector: definition.name, ciphertext, updatedBy: actor.userId })
        .onConflictDoUpdate({
          target: schema.connectorCredentials.connector,
          set: { ciphertext, updatedBy: actor.userId, updatedAt: sql`now()` },
        });
    }
    await recordAudit(tx, actor, {
      action: 'connector-credentials.changed',
      targetType: 'connector',
      targetId: definition.name,
      after: { fields: changed.sort(), stored: Object.keys(next).sort() },
    });
  });
}
