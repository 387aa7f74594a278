import type { ProposalStatus, ProposalView } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { type ApprovalTier, approvalTierOfRole } from '@sentia/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { ProposalDetails } from '../regenerate-proposals';

export interface ProposalFilters {
  status?: ProposalStatus | undefined;
  supplier?: string | undefined;
  ids?: readonly number[];
}

const p = schema.purchaseProposals;

function where(filters: ProposalFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(p.status, filters.status));
  if (filters.supplier) conditions.push(eq(schema.suppliers.code, filters.supplier));
  if (filters.ids) {
    conditions.push(
      filters.ids.length === 0
        ? sql`false`
        : sql`${p.id} in (${sql.join(
            filters.ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** Proposals with their product, supplier, delivery location and decider, grouped by supplier then SKU. */
export async function queryProposals(
  db: Pick<Database, 'select'>,
  filters: ProposalFilters,
  page?: { limit: number; offset: number },
): Promise<ProposalView[]> {
  const decider = sql<
    string | null
  >`(select coalesce(u.name, u.email) from users u where u.id = ${p.decidedBy})`;
  const query = db
    .select({
      row: p,
      sku: schema.products.sku,
      productName: schema.products.name,
      moq: schema.products.moq,
      packSize: schema.products.packSize,
      supplierCode: schema.suppliers.code,
      supplierName: schema.suppliers.name,
      locationCode: schema.locations.code,
      decider,
    })
    .from(p)
    .innerJoin(schema.products, eq(schema.products.id, p.productId))
    .leftJoin(schema.suppliers, eq(schema.suppliers.id, p.supplierId))
    .leftJoin(schema.locations, eq(schema.locations.id, p.locationId))
    .where(where(filters))
    .orderBy(sql`${schema.suppliers.code} nulls last`, schema.products.sku, p.id);
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  return rows.map((r) => {
    const details = r.row.details as Partial<ProposalDetails>;
    const tier = tierOfRole(r.row.requiredApprover);
    return {
      id: r.row.id,
      sku: r.sku,
      productName: r.productName,
      supplierCode: r.supplierCode,
      supplierName: r.supplierName,
      locationCode: r.locationCode,
      quantity: r.row.quantity,
      proposedQuantity: r.row.proposedQuantity ?? r.row.quantity,
      moq: r.moq,
      packSize: r.packSize,
      unitCostMinor: r.row.unitCost ?? Math.round(r.row.amount / Math.max(1, r.row.quantity)),
      amountMinor: r.row.amount,
      currency: r.row.currency,
      amountGbpMinor: r.row.amountGbp,
      reasons: details.reasons ?? [],
      reasonText: r.row.reason,
      needBy: r.row.needBy,
      expectedDelivery: r.row.expectedDelivery,
      status: r.row.status,
      requiredTier: tier,
      requiredRole: r.row.requiredApprover,
      decidedBy: r.decider,
      decidedAt: r.row.decidedAt?.toISOString() ?? null,
      decisionNote: r.row.decisionNote,
      externalRef: r.row.externalRef,
      createdAt: r.row.createdAt.toISOString(),
      demo: details.demo ?? false,
    };
  });
}

export async function countProposals(
  db: Pick<Database, 'select'>,
  filters: ProposalFilters,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(p)
    .leftJoin(schema.suppliers, eq(schema.suppliers.id, p.supplierId))
    .where(where(filters));
  return row?.n ?? 0;
}

/** Count and money per supplier (and per currency) over every proposal matching the filters. */
export async function querySupplierGroups(db: Pick<Database, 'select'>, filters: ProposalFilters) {
  const rows = await db
    .select({
      supplierCode: schema.suppliers.code,
      supplierName: schema.suppliers.name,
      currency: p.currency,
      count: sql<number>`count(*)::int`,
      amountMinor: sql<number>`sum(${p.amount})::float8`,
      amountGbpMinor: sql<number>`coalesce(sum(${p.amountGbp}), 0)::float8`,
    })
    .from(p)
    .leftJoin(schema.suppliers, eq(schema.suppliers.id, p.supplierId))
    .where(where(filters))
    .groupBy(schema.suppliers.code, schema.suppliers.name, p.currency)
    .orderBy(sql`${schema.suppliers.code} nulls last`, p.currency);
  const groups = new Map<
    string,
    {
      supplierCode: string | null;
      supplierName: string | null;
      count: number;
      amounts: { currency: string; amountMinor: number }[];
      amountGbpMinor: number;
    }
  >();
  for (const r of rows) {
    const key = r.supplierCode ?? '';
    const group = groups.get(key) ?? {
      supplierCode: r.supplierCode,
      supplierName: r.supplierName,
      count: 0,
      amounts: [],
      amountGbpMinor: 0,
    };
    group.count += r.count;
    group.amounts.push({ currency: r.currency, amountMinor: r.amountMinor });
    group.amountGbpMinor += r.amountGbpMinor;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The tier of a proposal's stored approver role; a role that approves nothing leaves it to the CFO. */
function tierOfRole(role: string): ApprovalTier {
  return approvalTierOfRole(role) ?? 'cfo';
}
