import type { ReplenishmentReason } from '@sentia/domain';

/** Money a proposal commits: exact in the goods' cost currency, and its GBP value (null without a rate). */
export function proposalAmounts(quantity: number, unitCostMinor: number, unitCostGbpMinor: number | null) {
  return {
    amount: quantity * unitCostMinor,
    amountGbp: unitCostGbpMinor === null ? null : Math.round(quantity * unitCostGbpMinor),
  };
}

/** The reasons in words, for the `reason` column, CSV exports and the audit log. */
export function reasonText(reasons: readonly ReplenishmentReason[]): string {
  const format = (n: number) => Math.round(n).toLocaleString('en-GB');
  return reasons
    .map((r) =>
      r.code === 'below-reorder-point'
        ? `Below reorder point (position ${format(r.position)} ≤ ${format(r.reorderPoint)})`
        : `Projected stock-out on ${r.date}`,
    )
    .join('; ');
}
