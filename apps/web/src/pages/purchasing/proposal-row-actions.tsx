import type { ProposalView } from '@sentia/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toProblem } from '../../api/api-error';
import {
  approveProposal,
  changeProposalQuantity,
  refreshPlan,
  rejectProposal,
} from '../inventory/plan-queries';

/** Approve / reject, offered only to someone whose role and tier cover the amount. */
export function DecisionButtons(props: {
  proposal: ProposalView;
  mayApprove: boolean;
  approverTitle: string;
}) {
  const { proposal } = props;
  const client = useQueryClient();
  const approve = useMutation({
    mutationFn: () => approveProposal(proposal.id),
    onSuccess: () => refreshPlan(client),
  });
  const reject = useMutation({
    mutationFn: () => rejectProposal(proposal.id, undefined),
    onSuccess: () => refreshPlan(client),
  });
  const error = approve.error ?? reject.error;
  if (proposal.status !== 'proposed') return null;
  if (!props.mayApprove) return <span className="plan-sub">Awaiting {props.approverTitle}</span>;

  const busy = approve.isPending || reject.isPending;
  return (
    <span className="plan-actions">
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        aria-label={`Approve ${proposal.quantity} × ${proposal.sku}`}
        onClick={() => approve.mutate()}
      >
        Approve
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-label={`Reject the proposal for ${proposal.sku}`}
        onClick={() => reject.mutate()}
      >
        Reject
      </button>
      {error && (
        <span role="alert" className="plan-risk">
          {toProblem(error).detail ?? toProblem(error).title}
        </span>
      )}
    </span>
  );
}

/** The quantity, editable while the proposal is open for those allowed (MOQ and pack size are checked). */
export function QuantityCell(props: { proposal: ProposalView; canEdit: boolean; locale: string }) {
  const { proposal, canEdit } = props;
  const [text, setText] = useState(String(proposal.quantity));
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (quantity: number) => changeProposalQuantity(proposal.id, quantity),
    onSuccess: () => refreshPlan(client),
  });
  const formatted = new Intl.NumberFormat(props.locale).format(proposal.quantity);
  if (!canEdit || proposal.status !== 'proposed') return <>{formatted}</>;
  const value = Number(text);
  const changed = Number.isInteger(value) && value > 0 && value !== proposal.quantity;
  const problem = save.error ? toProblem(save.error) : null;
  return (
    <form
      className="plan-qty"
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) save.mutate(value);
      }}
    >
      <input
        aria-label={`Quantity of ${proposal.sku} (MOQ ${proposal.moq}, packs of ${proposal.packSize})`}
        inputMode="numeric"
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={problem ? true : undefined}
      />
      {changed && (
        <button type="submit" className="button" disabled={save.isPending}>
          Save
        </button>
      )}
      {problem && (
        <span role="alert" className="plan-risk">
          {problem.errors?.[0]?.message ?? problem.detail ?? problem.title}
        </span>
      )}
    </form>
  );
}
