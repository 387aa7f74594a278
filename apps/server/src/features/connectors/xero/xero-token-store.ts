import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@sentia/db';
import { and, eq, sql } from 'drizzle-orm';
import type { SecretBox } from '../../../platform/crypto/secret-box';
import { sleep } from '../../../platform/http-client/index';
import { type Actor, recordAudit } from '../../audit/record-audit';
import { type XeroOAuthClient, XeroReconnectError, type XeroTokenSet } from './xero-oauth';

/**
 * The connection to one Xero organisation: its tenant and the current token pair. Stored as one
 * row of `connector_credentials` (key `xero.oauth`, or `xero.oauth:sandbox`), sealed with
 * AES-256-GCM under CREDENTIALS_ENCRYPTION_KEY with the key as associated data.
 */
export interface XeroConnection {
  tenantId: string;
  tenantName: string;
  /** The `/connections` entry, for disconnecting. */
  connectionId: string | null;
  refreshToken: string;
  accessToken: string | null;
  accessExpiresAt: string | null;
  connectedAt: string;
  connectedBy: string | null;
  refreshedAt: string | null;
  /** A refresh under way: who and until when. Replicas refresh one at a time. */
  lease: { owner: string; until: string } | null;
  /** Xero refused the refresh token (`invalid_grant`): an admin must connect again. */
  brokenReason: string | null;
}

export interface XeroAccess {
  accessToken: string;
  tenantId: string;
}

/** An access token this close to expiry is refreshed rather than used. */
const EXPIRY_MARGIN_MS = 60_000;
/** How long a refresh may hold the lease before another replica may take over. */
const LEASE_MS = 45_000;

/**
 * Access tokens for the Xero client, with crash-safe refresh-token rotation.
 *
 * Xero retires a refresh token the moment it issues the next one, so the new one must never exist
 * only in memory. A refresh therefore goes:
 * 1. take a lease on the row (compare-and-swap on its ciphertext), so only one replica refreshes;
 * 2. POST the refresh to Xero;
 * 3. in one transaction, replace the row — new refresh token, new access token, lease released —
 *    still compare-and-swap, so a replica whose lease was taken over cannot overwrite newer tokens;
 * 4. only then hand out the access token.
 * A crash after 2 and before 3 leaves the previous refresh token stored; Xero keeps accepting it
 * for 30 minutes after rotation (its grace period for lost answers), and the lease expires after
 * 45 seconds, so the next run refreshes with it and the connection carries on. Nothing is kept in
 * process memory between calls: every replica reads the row.
 */
export class XeroTokenStore {
  private readonly owner = randomUUID();

  constructor(
    private readonly db: Database,
    private readonly secretBox: SecretBox,
    readonly key: string,
    private readonly oauth: XeroOAuthClient,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<{ connection: XeroConnection; ciphertext: string } | null> {
    const [row] = await this.db
      .select({ ciphertext: schema.connectorCredentials.ciphertext })
      .from(schema.connectorCredentials)
      .where(eq(schema.connectorCredentials.connector, this.key));
    if (!row) return null;
    const connection = JSON.parse(
      this.secretBox.open(row.ciphertext, `connector:${this.key}`),
    ) as XeroConnection;
    return { connection, ciphertext: row.ciphertext };
  }

  /** Stores a new connection (after consent), replacing any earlier one, with its audit entry. */
  async connect(
    tokens: XeroTokenSet,
    tenant: { tenantId: string; tenantName: string; connectionId: string | null },
    actor: Actor,
  ): Promise<void> {
    const connection: XeroConnection = {
      ...tenant,
      refreshToken: tokens.refreshToken,
      accessToken: tokens.accessToken,
      accessExpiresAt: tokens.accessExpiresAt,
      connectedAt: new Date(this.now()).toISOString(),
      connectedBy: actor.userId,
      refreshedAt: null,
      lease: null,
      brokenReason: null,
    };
    const ciphertext = this.seal(connection);
    await this.db.transaction(async (tx) => {
      await tx
        .insert(schema.connectorCredentials)
        .values({ connector: this.key, ciphertext, updatedBy: actor.userId })
        .onConflictDoUpdate({
          target: schema.connectorCredentials.connector,
          set: { ciphertext, updatedBy: actor.userId, updatedAt: sql`now()` },
        });
      await recordAudit(tx, actor, {
        action: 'connector-credentials.changed',
        targetType: 'connector',
        targetId: 'xero',
        after: { connected: { tenantId: tenant.tenantId, tenantName: tenant.tenantName } },
      });
    });
  }

  /** Forgets the connection (after disconnecting at Xero), with its audit entry. */
  async disconnect(actor: Actor): Promise<XeroConnection | null> {
    const current = await this.read();
    await this.db.transaction(async (tx) => {
      await tx.delete(schema.connectorCredentials).where(eq(schema.connectorCredentials.connector, this.key));
      await recordAudit(tx, actor, {
        action: 'connector-credentials.changed',
        targetType: 'connector',
        targetId: 'xero',
        before: current
          ? {
              connected: { tenantId: current.connection.tenantId, tenantName: current.connection.tenantName },
            }
          : null,
        after: { connected: null },
      });
    });
    return current?.connection ?? null;
  }

  /**
   * A usable access token and the tenant it is for. `rejected` is a token Xero just answered 401
   * to: it is refreshed unless another replica already did.
   */
  async accessToken(options: { rejected?: string; signal?: AbortSignal } = {}): Promise<XeroAccess> {
    const deadline = this.now() + LEASE_MS + 15_000;
    for (;;) {
      const current = await this.read();
      if (!current) throw new XeroNotConnectedError();
      const { connection, ciphertext } = current;
      if (connection.brokenReason) throw new XeroReconnectError(connection.brokenReason);
      const fresh =
        connection.accessToken !== null &&
        connection.accessToken !== options.rejected &&
        Date.parse(connection.accessExpiresAt ?? '') - EXPIRY_MARGIN_MS > this.now();
      if (fresh) return { accessToken: connection.accessToken!, tenantId: connection.tenantId };
      if (this.now() > deadline)
        throw new Error('Xero token refresh: gave up waiting for another replica’s refresh');
      const leasedByOther =
        connection.lease &&
        connection.lease.owner !== this.owner &&
        Date.parse(connection.lease.until) > this.now();
      if (leasedByOther) {
        // Another replica is refreshing: its new tokens will be in the row shortly.
        await sleep(200, options.signal);
        continue;
      }
      const leased: XeroConnection = {
        ...connection,
        lease: { owner: this.owner, until: new Date(this.now() + LEASE_MS).toISOString() },
      };
      const leasedCiphertext = await this.swap(ciphertext, leased);
      if (!leasedCiphertext) continue;
      let tokens: XeroTokenSet;
      try {
        tokens = await this.oauth.refresh(connection.refreshToken, options.signal);
      } catch (error) {
        const broken = error instanceof XeroReconnectError ? error.reason : null;
        await this.swap(leasedCiphertext, { ...connection, lease: null, brokenReason: broken });
        throw error;
      }
      const refreshed: XeroConnection = {
        ...connection,
        refreshToken: tokens.refreshToken,
        accessToken: tokens.accessToken,
        accessExpiresAt: tokens.accessExpiresAt,
        refreshedAt: new Date(this.now()).toISOString(),
        lease: null,
      };
      // Stored before it is used. If the swap fails our lease was taken over (we were slower than
      // LEASE_MS) and the row holds tokens at least as new: read them instead of these.
      if (await this.swap(leasedCiphertext, refreshed)) {
        return { accessToken: tokens.accessToken, tenantId: connection.tenantId };
      }
    }
  }

  /** Replaces the row only if it is still `expected`; the new ciphertext, or null when it was not. */
  private async swap(expected: string, next: XeroConnection): Promise<string | null> {
    const ciphertext = this.seal(next);
    const rows = await this.db.transaction(async (tx) =>
      tx
        .update(schema.connectorCredentials)
        .set({ ciphertext, updatedAt: sql`now()` })
        .where(
          and(
            eq(schema.connectorCredentials.connector, this.key),
            eq(schema.connectorCredentials.ciphertext, expected),
          ),
        )
        .returning({ connector: schema.connectorCredentials.connector }),
    );
    return rows.length > 0 ? ciphertext : null;
  }

  private seal(connection: XeroConnection): string {
    return this.secretBox.seal(JSON.stringify(connection), `connector:${this.key}`);
  }
}

export class XeroNotConnectedError extends Error {
  constructor() {
    super('No Xero organisation is connected: an admin connects one from Data › Connections › Xero.');
    this.name = 'XeroNotConnectedError';
  }
}
