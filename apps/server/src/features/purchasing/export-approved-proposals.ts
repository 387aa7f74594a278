import type { Database } from '@sentia/db';
import { formatMinorAsDecimal, toCsv } from '@sentia/domain';
import { type Actor, recordAudit } from '../audit/record-audit';
import { buildPurchaseOrderDrafts, type PurchaseOrderDraft } from './purchase-order-drafts';

type Line = PurchaseOrderDraft['lines'][number] & { draft: PurchaseOrderDraft };

/**
 * The approved proposals not yet ordered as CSV, one row per line grouped by supplier (formula-safe
 * cells; amounts as decimals in their currency). The export is audited.
 */
export async function exportApprovedProposals(
  db: Database,
  actor: Actor,
): Promise<{ csv: string; rows: number }> {
  const drafts = await buildPurchaseOrderDrafts(db);
  const lines: Line[] = drafts.flatMap((draft) => draft.lines.map((line) => ({ ...line, draft })));
  const csv = toCsv(lines, [
    { header: 'Supplier code', value: (l) => l.draft.supplierCode },
    { header: 'Supplier', value: (l) => l.draft.supplierName },
    { header: 'Deliver to', value: (l) => l.draft.deliverTo },
    { header: 'SKU', value: (l) => l.sku },
    { header: 'Product', value: (l) => l.productName },
    { header: 'Quantity', value: (l) => l.quantity },
    { header: 'Currency', value: (l) => l.draft.currency },
    { header: 'Unit cost', value: (l) => Number(formatMinorAsDecimal(l.unitCostMinor, l.draft.currency)) },
    { header: 'Amount', value: (l) => Number(formatMinorAsDecimal(l.amountMinor, l.draft.currency)) },
    { header: 'Expected delivery', value: (l) => l.expectedDelivery },
    { header: 'Proposal', value: (l) => l.proposalId },
  ]);
  await recordAudit(db, actor, {
    action: 'data.exported',
    targetType: 'purchase-proposals',
    targetId: 'approved',
    after: { rows: lines.length, proposals: lines.map((l) => l.proposalId) },
  });
  return { csv, rows: lines.length };
}
