import { z } from 'zod';
import { isoDate } from './common';
import { pageInfo, pageQuery, replenishmentReason } from './inventory';

export const proposalStatus = z.enum(['proposed', 'approved', 'rejected', 'ordered']);
export type ProposalStatus = z.infer<typeof proposalStatus>;

export const approvalTier = z.enum(['manager', 'director', 'cfo']);

export const approvalLimits = z
  .object({
    managerLimitGbpMinor: z.number().int().min(0).max(1e13),
    directorLimitGbpMinor: z.number().int().min(0).max(1e13),
  })
  .strict()
  .refine((l) => l.managerLimitGbpMinor <= l.directorLimitGbpMinor, {
    message: 'the manager limit must not exceed the director limit',
    path: ['directorLimitGbpMinor'],
  });
export type ApprovalLimitsView = z.infer<typeof approvalLimits>;

/** Tier → roles that act for it → most they may approve (null: no limit). */
export const approvalTierView = z.object({
  tier: approvalTier,
  title: z.string(),
  /** The tier's own role: the one a proposal of this tier names as `requiredRole`. */
  role: z.string(),
  /** Every role that approves at this tier (the manager tier: `manager` and `planner`). */
  roles: z.array(z.string()).min(1),
  limitGbpMinor: z.number().int().nullable(),
});
export type ApprovalTierView = z.infer<typeof approvalTierView>;

export const proposalView = z.object({
  id: z.number().int(),
  sku: z.string(),
  productName: z.string(),
  supplierCode: z.string().nullable(),
  supplierName: z.string().nullable(),
  locationCode: z.string().nullable(),
  quantity: z.number().int(),
  /** What the plan proposed, before any edit. */
  proposedQuantity: z.number().int(),
  moq: z.number().int(),
  packSize: z.number().int(),
  unitCostMinor: z.number().int(),
  amountMinor: z.number().int(),
  currency: z.string().length(3),
  /** Null when no exchange rate to GBP is known (then only the CFO tier may approve). */
  amountGbpMinor: z.number().int().nullable(),
  reasons: z.array(replenishmentReason),
  reasonText: z.string(),
  needBy: isoDate.nullable(),
  expectedDelivery: isoDate.nullable(),
  status: proposalStatus,
  requiredTier: approvalTier,
  /** The tier's own role; every role of the tier may approve (see `approvalTiers`). */
  requiredRole: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  externalRef: z.string().nullable(),
  createdAt: z.string(),
  demo: z.boolean(),
});
export type ProposalView = z.infer<typeof proposalView>;

export const proposalsQuery = pageQuery.extend({
  status: proposalStatus.optional(),
  supplier: z.string().max(64).optional(),
});
export type ProposalsQuery = z.infer<typeof proposalsQuery>;

export const supplierGroup = z.object({
  supplierCode: z.string().nullable(),
  supplierName: z.string().nullable(),
  count: z.number().int(),
  /** Per currency: a supplier may be proposed goods costed in more than one. */
  amounts: z.array(z.object({ currency: z.string().length(3), amountMinor: z.number().int() })),
  amountGbpMinor: z.number().int(),
});

export const proposalsResponse = z.object({
  items: z.array(proposalView),
  page: pageInfo,
  /** Every proposal matching the filters, grouped by supplier (not only this page). */
  suppliers: z.array(supplierGroup),
  approvalTiers: z.array(approvalTierView),
  computedAt: z.string().nullable(),
  demoData: z.boolean(),
});
export type ProposalsResponse = z.infer<typeof proposalsResponse>;

export const decisionBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const editProposalBody = z.object({ quantity: z.number().int().min(1).max(10_000_000) }).strict();
export const markOrderedBody = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(500),
    /** The order number in the system the purchase order was placed in. */
    reference: z.string().trim().min(1).max(100),
  })
  .strict();
export const markOrderedResponse = z.object({ ordered: z.array(z.number().int()) });

export const approvalLimitsResponse = z.object({
  limits: approvalLimits,
  tiers: z.array(approvalTierView),
});
