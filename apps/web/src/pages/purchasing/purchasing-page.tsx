import type { ProposalView } from '@sentia/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccess } from '../../app/use-access';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { formatBusinessDate } from '../../format/date';
import { userLocale } from '../../format/locale';
import { formatMoney } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { PageHeader } from '../../ui/page-header';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { FigureTile } from '../inventory/figure-tile';
import { mayApprove, reasonText } from '../inventory/plan-format';
import { PlanMeta } from '../inventory/plan-meta';
import { downloadApprovedCsv, proposalsQuery } from '../inventory/plan-queries';
import '../inventory/plan-pages.css';
import { ApprovalLimitsForm } from './approval-limits-form';
import { tierOfRole } from './approval-limits-model';
import { DecisionButtons, QuantityCell } from './proposal-row-actions';

const STATUSES = [
  { value: 'proposed', label: 'Awaiting approval' },
  { value: 'approved', label: 'Approved' },
  { value: 'ordered', label: 'Ordered' },
  { value: 'rejected', label: 'Rejected' },
  { value: '', label: 'All' },
] as const;

const TIER_NAME: Record<ProposalView['requiredTier'], string> = {
  manager: 'manager',
  director: 'director',
  cfo: 'CFO',
};

const STATUS_TEXT: Record<ProposalView['status'], string> = {
  proposed: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  ordered: 'Ordered',
};

/**
 * Purchasing: the purchase proposals of the plan grouped by supplier, with why each is proposed and the
 * cash it commits; approve or reject within your approval tier (managers and planners up to the manager
 * limit), edit quantities, export what is approved; who approves what, and the limits for admins to change.
 */
export default function PurchasingPage() {
  const crumbs = usePageCrumbs();
  const locale = userLocale();
  const access = useAccess();
  const [status, setStatus] = useState<string>('proposed');
  const proposals = useQuery(proposalsQuery(status));
  const exportCsv = useMutation({ mutationFn: downloadApprovedCsv });
  const data = proposals.data;
  const tiers = data?.approvalTiers ?? [];
  const canApprove = access.can('approve:purchase-orders');
  const canEdit = access.can('write:inventory');
  const myTier = tierOfRole(tiers, access.me?.role);
  const gbp = (minor: number | null) =>
    minor === null ? 'No FX rate' : formatMoney(minor, 'GBP', locale, { wholeUnits: true });
  const tierTitle = (p: ProposalView) =>
    tiers.find((t) => t.tier === p.requiredTier)?.title ?? p.requiredRole;

  const columns: Column<ProposalView>[] = [
    {
      key: 'sku',
      header: 'SKU',
      cell: (p) => (
        <span title={p.productName}>
          {p.sku}
          <span className="plan-sub">{p.productName}</span>
        </span>
      ),
      sortValue: (p) => p.sku,
    },
    {
      key: 'why',
      header: 'Why',
      cell: (p) => (
        <ul className="plan-reasons">
          {p.reasons.map((r) => (
            <li key={r.code}>{reasonText(r, locale)}</li>
          ))}
        </ul>
      ),
    },
    {
      key: 'need',
      header: 'Needed by',
      cell: (p) => (
        <span>
          {p.needBy ? formatBusinessDate(p.needBy, locale) : '—'}
          {p.expectedDelivery && (
            <span className="plan-sub">delivery {formatBusinessDate(p.expectedDelivery, locale)}</span>
          )}
        </span>
      ),
      sortValue: (p) => p.needBy ?? '9999',
    },
    {
      key: 'qty',
      header: 'Quantity',
      align: 'end',
      cell: (p) => <QuantityCell proposal={p} canEdit={canEdit} locale={locale} />,
      sortValue: (p) => p.quantity,
    },
    {
      key: 'amount',
      header: 'Cash',
      align: 'end',
      cell: (p) => (
        <span title={`${p.quantity} × ${formatMoney(p.unitCostMinor, p.currency, locale)}`}>
          {formatMoney(p.amountMinor, p.currency, locale)}
          {p.currency !== 'GBP' && <span className="plan-sub">{gbp(p.amountGbpMinor)}</span>}
        </span>
      ),
      sortValue: (p) => p.amountGbpMinor ?? Number.MAX_SAFE_INTEGER,
      firstSort: 'desc',
    },
    {
      key: 'status',
      header: 'Status',
      cell: (p) => (
        <span className="plan-decision">
          <span className="plan-status" data-status={p.status}>
            {STATUS_TEXT[p.status]}
          </span>
          {p.decidedBy && <span className="plan-sub">by {p.decidedBy}</span>}
          {p.externalRef && <span className="plan-sub">order {p.externalRef}</span>}
          <DecisionButtons
            proposal={p}
            approverTitle={tierTitle(p)}
            mayApprove={mayApprove(access.me, p.amountGbpMinor, tiers, canApprove)}
          />
        </span>
      ),
    },
  ];

  const total = data?.suppliers.reduce((s, g) => s + g.amountGbpMinor, 0) ?? 0;
  return (
    <div className="plan-page">
      <PageHeader
        title="Purchasing"
        crumbs={crumbs}
        subtitle="Purchase proposals from the inventory plan, netted against stock on hand, allocated, inbound and approved orders"
        meta={
          data && (
            <PlanMeta demoData={data.demoData} asOf={null} computedAt={data.computedAt} locale={locale} />
          )
        }
        actions={
          access.can('export:data') && (
            <button
              type="button"
              className="button"
              disabled={exportCsv.isPending}
              onClick={() => exportCsv.mutate()}
            >
              Export approved (CSV)
            </button>
          )
        }
      />
      {exportCsv.isError && <ErrorPanel heading="The export failed" error={exportCsv.error} compact />}
      {proposals.isError && (
        <ErrorPanel
          heading="The proposals could not be loaded"
          error={proposals.error}
          onRetry={() => void proposals.refetch()}
        />
      )}
      <fieldset className="plan-tabs">
        <legend className="visually-hidden">Show proposals</legend>
        {STATUSES.map((s) => (
          <button
            key={s.value}
            type="button"
            className="button"
            aria-pressed={status === s.value}
            onClick={() => setStatus(s.value)}
          >
            {s.label}
          </button>
        ))}
      </fieldset>
      {!data ? (
        !proposals.isError && (
          <LoadingRegion label="Loading the proposals">
            <Skeleton height={200} />
          </LoadingRegion>
        )
      ) : (
        <>
          <div className="kpi-grid">
            <FigureTile
              figure="proposals"
              label="Proposals"
              value={String(data.page.total)}
              note={STATUSES.find((s) => s.value === status)?.label}
              formula="Proposals with this status, every supplier."
            />
            <FigureTile
              figure="cash"
              label="Cash they commit"
              value={gbp(total)}
              note="in GBP at the plan’s rate"
              formula="Σ quantity × unit cost, converted to GBP at the rate of the stock date."
            />
            <FigureTile
              figure="suppliers"
              label="Suppliers"
              value={String(data.suppliers.length)}
              formula="Suppliers with proposals of this status."
            />
          </div>
          {data.suppliers.length === 0 && (
            <section className="panel">
              <p>
                {status === 'proposed'
                  ? 'Nothing to approve: every bought SKU’s position is above its reorder point.'
                  : 'No proposals with this status.'}
              </p>
            </section>
          )}
          {data.suppliers.map((group) => (
            <section
              key={group.supplierCode ?? 'none'}
              className="panel plan-group"
              aria-labelledby={`supplier-${group.supplierCode ?? 'none'}`}
            >
              <div className="plan-group__head">
                <h2 id={`supplier-${group.supplierCode ?? 'none'}`}>
                  {group.supplierName ?? 'No supplier on record'}
                </h2>
                <span className="plan-group__total tabular">
                  {group.count} {group.count === 1 ? 'proposal' : 'proposals'} ·{' '}
                  {group.amounts.map((a) => formatMoney(a.amountMinor, a.currency, locale)).join(' + ')}
                </span>
              </div>
              <DataTable
                caption={`Proposals for ${group.supplierName ?? 'no supplier'}`}
                hideCaption
                columns={columns}
                rows={data.items.filter((p) => p.supplierCode === group.supplierCode)}
                rowKey={(p) => String(p.id)}
              />
            </section>
          ))}
          <section className="panel" aria-labelledby="approval-tiers">
            <h2 id="approval-tiers">Who approves</h2>
            <ul className="plan-tiers">
              {tiers.map((t) => (
                <li key={t.tier} data-tier={t.tier}>
                  <strong>{t.title}</strong>:{' '}
                  {t.limitGbpMinor === null ? 'any amount' : `up to ${gbp(t.limitGbpMinor)}`}
                </li>
              ))}
            </ul>
            {canApprove && myTier && (
              <p className="plan-hint" data-figure="my-approval-limit">
                {myTier.limitGbpMinor === null
                  ? `You approve any amount (${TIER_NAME[myTier.tier]} tier).`
                  : `You approve up to ${gbp(myTier.limitGbpMinor)} (${TIER_NAME[myTier.tier]} tier); larger proposals wait for a higher tier.`}
              </p>
            )}
            <p className="plan-hint">
              A higher tier may approve anything a lower one may; any approver may reject. Approved proposals
              are exported as CSV to place the orders; creating them in Unleashed comes with the Unleashed
              connection.
            </p>
            {access.can('admin:settings') ? (
              <ApprovalLimitsForm tiers={tiers} locale={locale} />
            ) : (
              <p className="plan-hint">The limits are settings an administrator changes.</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
