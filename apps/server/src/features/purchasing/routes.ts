import {
  approvalLimits,
  approvalLimitsResponse,
  decisionBody,
  editProposalBody,
  markOrderedBody,
  markOrderedResponse,
  proposalsQuery,
  proposalsResponse,
  proposalView,
} from '@sentia/contracts';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { NotFoundError } from '../../platform/errors';
import { callerOf } from '../../platform/http/access-control';
import type { ApiServer } from '../../platform/http/create-server';
import type { Principal } from '../identity/principal';
import { actorOf } from '../identity/routes';
import { approvalTiers, readApprovalLimits, writeApprovalLimits } from './approval-limits';
import { approveProposal, changeProposalQuantity, rejectProposal } from './decide-proposal';
import { exportApprovedProposals } from './export-approved-proposals';
import { listProposals } from './list-proposals';
import { markProposalsOrdered } from './purchase-order-drafts';
import { queryProposals } from './queries/query-proposals';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const today = () => new Date().toISOString().slice(0, 10);

export function registerPurchasingRoutes(app: ApiServer, ctx: AppContext): void {
  const tags = ['purchasing'];
  const view = async (id: number) => {
    const [proposal] = await queryProposals(ctx.db, { ids: [id] });
    if (!proposal) throw new NotFoundError(`Purchase proposal ${id} does not exist.`);
    return proposal;
  };
  const approverOf = (request: Parameters<typeof callerOf>[0]) => {
    const caller = callerOf<Principal>(request);
    return { actor: actorOf(request, caller), userId: caller.userId, role: caller.role };
  };

  app.get(
    '/api/purchase-proposals',
    {
      config: { access: 'read:purchasing', feature: 'optimization' },
      schema: {
        tags,
        summary:
          'Purchase proposals grouped by supplier, with their reasons, money and approval tier (paginated)',
        querystring: proposalsQuery,
        response: { 200: proposalsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listProposals(ctx.db, request.query, today());
    },
  );

  app.post(
    '/api/purchase-proposals/:id/approve',
    {
      config: { access: 'approve:purchase-orders', feature: 'optimization' },
      schema: {
        tags,
        summary:
          'Approve a proposal within your tier (manager or planner ≤ £50k, finance ≤ £200k, admin above; limits are settings); 403 above it; audited',
        params: idParams,
        body: decisionBody,
        response: { 200: proposalView },
      },
    },
    async (request) => {
      await approveProposal(ctx.db, approverOf(request), request.params.id, request.body.note, today());
      await bumpDataVersion(ctx, 'purchasing.approved');
      return view(request.params.id);
    },
  );

  app.post(
    '/api/purchase-proposals/:id/reject',
    {
      config: { access: 'approve:purchase-orders', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Reject a proposal; audited',
        params: idParams,
        body: decisionBody,
        response: { 200: proposalView },
      },
    },
    async (request) => {
      await rejectProposal(ctx.db, approverOf(request), request.params.id, request.body.note);
      await bumpDataVersion(ctx, 'purchasing.rejected');
      return view(request.params.id);
    },
  );

  app.patch(
    '/api/purchase-proposals/:id',
    {
      config: { access: 'write:inventory', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Change the quantity of an open proposal (MOQ and pack size enforced); audited',
        params: idParams,
        body: editProposalBody,
        response: { 200: proposalView },
      },
    },
    async (request) => {
      const caller = callerOf<Principal>(request);
      await changeProposalQuantity(
        ctx.db,
        actorOf(request, caller),
        request.params.id,
        request.body.quantity,
      );
      await bumpDataVersion(ctx, 'purchasing.quantity');
      return view(request.params.id);
    },
  );

  app.get(
    '/api/purchase-proposals/export.csv',
    {
      config: { access: 'export:data', feature: 'optimization' },
      schema: {
        tags,
        summary:
          'Approved proposals not yet ordered, as purchase-order lines grouped by supplier (CSV); audited',
        response: { 200: z.string().describe('text/csv') },
      },
    },
    async (request, reply) => {
      const { csv } = await exportApprovedProposals(ctx.db, actorOf(request, callerOf<Principal>(request)));
      return reply
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="approved-purchase-proposals-${today()}.csv"`)
        .send(csv);
    },
  );

  app.post(
    '/api/purchase-proposals/mark-ordered',
    {
      config: { access: 'approve:purchase-orders', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Record that approved proposals were placed as a purchase order (its number); audited',
        body: markOrderedBody,
        response: { 200: markOrderedResponse },
      },
    },
    async (request) => {
      const caller = callerOf<Principal>(request);
      const ordered = await markProposalsOrdered(
        ctx.db,
        actorOf(request, caller),
        request.body.ids,
        request.body.reference,
      );
      await bumpDataVersion(ctx, 'purchasing.ordered');
      return { ordered };
    },
  );

  app.get(
    '/api/purchase-proposals/approval-limits',
    {
      config: { access: 'read:purchasing', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Approval tiers: the roles acting for each and its limit in GBP',
        response: { 200: approvalLimitsResponse },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const limits = await readApprovalLimits(ctx.db);
      return { limits, tiers: approvalTiers(limits) };
    },
  );

  app.put(
    '/api/purchase-proposals/approval-limits',
    {
      config: { access: 'admin:settings', feature: 'optimization' },
      schema: {
        tags,
        summary: 'Change the approval limits; open proposals are re-tiered; audited',
        body: approvalLimits,
        response: { 200: approvalLimitsResponse },
      },
    },
    async (request) => {
      const caller = callerOf<Principal>(request);
      const limits = await writeApprovalLimits(ctx.db, actorOf(request, caller), request.body);
      await bumpDataVersion(ctx, 'purchasing.approval-limits');
      return { limits, tiers: approvalTiers(limits) };
    },
  );
}
