import { createHash } from 'node:crypto';
import { queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import { ConflictError } from '../../../platform/errors';
import { HttpClientError } from '../../../platform/http-client/index';
import type { Actor } from '../../audit/record-audit';
import {
  buildPurchaseOrderDrafts,
  markProposalsOrdered,
  type PurchaseOrderDraft,
} from '../../purchasing/index';
import type { UnleashedClient } from './unleashed-client';
import { unleashedClient } from './unleashed-connector';
import { ensureUnleashedSandbox } from './unleashed-sandbox';
import { readUnleashedSettings } from './unleashed-settings';

export interface PlacedOrder {
  orderNumber: string;
  guid: string;
  /** False when Unleashed already had it (an earlier attempt placed it; it is not placed twice). */
  created: boolean;
  supplierCode: string;
  proposalIds: number[];
  currency: string;
  totalMinor: number;
}

export interface PlacementResult {
  placed: PlacedOrder[];
  notPlaced: { proposalIds: number[]; supplierCode: string | null; reason: string }[];
}

/**
 * The approved purchase proposals, placed in Unleashed: one parked purchase order per supplier ×
 * currency × delivery warehouse (the purchasing feature's drafts), then the proposals marked
 * ordered with the order number, audited as the person who placed them. The order's Guid is
 * derived from its proposal ids, so placing again after a failure part-way (the order created, the
 * proposals not yet marked) finds the order instead of creating a second one.
 */
export async function placeApprovedPurchaseOrders(
  ctx: AppContext,
  actor: Actor,
  options: { client?: UnleashedClient; today?: string } = {},
): Promise<PlacementResult> {
  const client = options.client ?? (await clientForSettings(ctx));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const result: PlacementResult = { placed: [], notPlaced: [] };
  const drafts = await buildPurchaseOrderDrafts(ctx.db);
  const created = await proposalCreationTimes(
    ctx,
    drafts.flatMap((d) => d.lines.map((l) => l.proposalId)),
  );
  for (const draft of drafts) {
    const proposalIds = draft.lines.map((l) => l.proposalId).sort((a, b) => a - b);
    if (!draft.supplierCode) {
      result.notPlaced.push({
        proposalIds,
        supplierCode: null,
        reason: 'no supplier: choose one for the product first',
      });
      continue;
    }
    let placed: Awaited<ReturnType<UnleashedClient['createPurchaseOrder']>>;
    try {
      placed = await client.createPurchaseOrder({
        reference: orderReference(proposalIds, created),
        supplierCode: draft.supplierCode,
        warehouseCode: draft.deliverTo,
        currency: draft.currency,
        orderDate: today,
        requiredDate: earliest(draft),
        comments: `Approved purchase proposals ${proposalIds.join(', ')} (Sentia dashboard)`,
        lines: draft.lines.map((l) => ({
          sku: l.sku,
          quantity: l.quantity,
          unitCostMinor: l.unitCostMinor,
          dueDate: l.expectedDelivery,
        })),
      });
    } catch (error) {
      if (!(error instanceof HttpClientError)) throw error;
      result.notPlaced.push({ proposalIds, supplierCode: draft.supplierCode, reason: error.message });
      continue;
    }
    const { order, created: isNew } = placed;
    try {
      await markProposalsOrdered(ctx.db, actor, proposalIds, order.OrderNumber);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      result.notPlaced.push({
        proposalIds,
        supplierCode: draft.supplierCode,
        reason: `placed in Unleashed as ${order.OrderNumber}, but ${error.message}`,
      });
      continue;
    }
    result.placed.push({
      orderNumber: order.OrderNumber,
      guid: order.Guid,
      created: isNew,
      supplierCode: draft.supplierCode,
      proposalIds,
      currency: draft.currency,
      totalMinor: draft.totalMinor,
    });
  }
  return result;
}

/**
 * The order's idempotency key: its proposals, each by id and creation time. Ids alone would repeat
 * if the database were recreated while the Unleashed account lives on, and then match an old,
 * unrelated order.
 */
export function orderReference(ids: readonly number[], createdAt: ReadonlyMap<number, number>): string {
  const key = ids.map((id) => `${id}@${createdAt.get(id) ?? 0}`).join(',');
  return `sentia-proposals:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

async function proposalCreationTimes(ctx: AppContext, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; created_at: string | Date }>(
    ctx.db,
    sql`select id, created_at from purchase_proposals where id = any(${sql.param(ids)}::int[])`,
  );
  return new Map(rows.map((r) => [r.id, new Date(r.created_at).getTime()]));
}

function earliest(draft: PurchaseOrderDraft): string | null {
  const dates = draft.lines
    .map((l) => l.expectedDelivery)
    .filter((d): d is string => !!d)
    .sort();
  return dates[0] ?? null;
}

async function clientForSettings(ctx: AppContext): Promise<UnleashedClient> {
  const settings = await readUnleashedSettings(ctx);
  if ('missing' in settings) throw new ConflictError(`Unleashed is not connected: ${settings.missing}`);
  if (!settings.sandbox) return unleashedClient(ctx, settings);
  const simulator = await ensureUnleashedSandbox(settings.sandbox);
  return unleashedClient(ctx, { ...settings, baseUrl: simulator.url });
}
