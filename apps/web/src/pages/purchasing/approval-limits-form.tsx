import type { ApprovalTierView } from '@sentia/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { formatMoney } from '../../format/number';
import { ErrorPanel } from '../../ui/error-panel';
import { TextField } from '../../ui/form-field';
import { refreshPlan, saveApprovalLimits } from '../inventory/plan-queries';
import { checkLimits, parsePounds, poundsInput } from './approval-limits-model';

/**
 * The approval limits (setting `purchasing.approvalLimits`), for those holding admin:settings: the most the
 * manager tier (managers and planners) and the director tier (finance) may approve. Saving re-tiers the
 * open proposals on the server (audited), and the page refreshes to show who each now waits for.
 */
export function ApprovalLimitsForm(props: { tiers: readonly ApprovalTierView[]; locale: string }) {
  const { tiers, locale } = props;
  const manager = tiers.find((t) => t.tier === 'manager')?.limitGbpMinor ?? 0;
  const director = tiers.find((t) => t.tier === 'director')?.limitGbpMinor ?? 0;
  const [text, setText] = useState({ manager: poundsInput(manager), director: poundsInput(director) });
  const [message, setMessage] = useState('');
  const [submitted, setSubmitted] = useState(false);
  // Limits saved elsewhere (another admin, another tab, our own save) replace the inputs.
  useEffect(
    () => setText({ manager: poundsInput(manager), director: poundsInput(director) }),
    [manager, director],
  );
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: saveApprovalLimits,
    onSuccess: async (response) => {
      const l = response.limits;
      const gbp = (minor: number) => formatMoney(minor, 'GBP', locale, { wholeUnits: minor % 100 === 0 });
      setMessage(
        `Saved: manager tier up to ${gbp(l.managerLimitGbpMinor)}, director up to ${gbp(l.directorLimitGbpMinor)}. Open proposals now wait for the tier these limits require.`,
      );
      setSubmitted(false);
      await refreshPlan(client);
    },
  });
  const check = checkLimits(text.manager, text.director);
  const errors = submitted && 'errors' in check ? check.errors : {};
  const typed = (value: string) => {
    const parsed = parsePounds(value);
    return 'minor' in parsed ? parsed.minor : null;
  };
  const changed = typed(text.manager) !== manager || typed(text.director) !== director;

  return (
    <form
      className="plan-limits"
      aria-labelledby="approval-limits"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if ('limits' in check && changed) save.mutate(check.limits);
      }}
    >
      <h3 id="approval-limits">Approval limits</h3>
      <div className="plan-limits__inputs">
        <TextField
          label="Manager tier up to (£)"
          hint="Managers and planners approve up to this amount."
          name="manager-limit"
          inputMode="decimal"
          value={text.manager}
          error={errors.manager ?? null}
          onChange={(event) => {
            setMessage('');
            setText({ ...text, manager: event.target.value });
          }}
        />
        <TextField
          label="Director tier up to (£)"
          hint="Finance approves up to this amount; above it, admin as the CFO."
          name="director-limit"
          inputMode="decimal"
          value={text.director}
          error={errors.director ?? null}
          onChange={(event) => {
            setMessage('');
            setText({ ...text, director: event.target.value });
          }}
        />
      </div>
      <div className="plan-service__actions">
        <button type="submit" className="button button--primary" disabled={!changed || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save approval limits'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!changed}
          onClick={() => {
            setText({ manager: poundsInput(manager), director: poundsInput(director) });
            setSubmitted(false);
            setMessage('');
          }}
        >
          Reset
        </button>
      </div>
      <p role="status" className="plan-hint">
        {message}
      </p>
      {save.isError && <ErrorPanel heading="The limits were not saved" error={save.error} compact />}
    </form>
  );
}
