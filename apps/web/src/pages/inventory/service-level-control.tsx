import type { AbcClassName, SafetyStockTotals } from '@sentia/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { formatMoney } from '../../format/number';
import { ErrorPanel } from '../../ui/error-panel';
import { TextField } from '../../ui/form-field';
import { formatUnits, parseServiceLevel, serviceLevelInput } from './plan-format';
import { refreshPlan, saveInventorySettings } from './plan-queries';

export type ServiceLevels = Record<AbcClassName, number>;
const CLASSES: readonly AbcClassName[] = ['A', 'B', 'C'];

/**
 * The service level per ABC class, with what the safety stock would cost at the levels typed — shown as
 * soon as they are valid (the page previews them through the API) — and, for those allowed, saving them.
 */
export function ServiceLevelControl(props: {
  saved: ServiceLevels;
  totals: { saved: SafetyStockTotals; applied: SafetyStockTotals } | undefined;
  previewing: boolean;
  canWrite: boolean;
  locale: string;
  onPreview: (levels: ServiceLevels | null) => void;
}) {
  const { saved, totals, canWrite, locale, onPreview } = props;
  const [text, setText] = useState<Record<AbcClassName, string>>(() => inputs(saved));
  const [message, setMessage] = useState('');
  const savedKey = CLASSES.map((c) => saved[c]).join('|');
  // Levels saved elsewhere (another person, another tab) replace the inputs; our own save already did.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `savedKey` is the identity of `saved`
  useEffect(() => setText(inputs(saved)), [savedKey]);
  const client = useQueryClient();
  const parsed = Object.fromEntries(CLASSES.map((c) => [c, parseServiceLevel(text[c])])) as Record<
    AbcClassName,
    ReturnType<typeof parseServiceLevel>
  >;
  const levels = CLASSES.every((c) => 'value' in parsed[c])
    ? (Object.fromEntries(CLASSES.map((c) => [c, (parsed[c] as { value: number }).value])) as ServiceLevels)
    : null;
  const changed = levels !== null && CLASSES.some((c) => levels[c] !== saved[c]);
  const key = levels ? CLASSES.map((c) => levels[c]).join('|') : '';

  // Preview shortly after typing stops, so each keystroke does not ask the server.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the identity of `levels`
  useEffect(() => {
    const timer = window.setTimeout(() => onPreview(changed ? levels : null), 250);
    return () => window.clearTimeout(timer);
  }, [key, changed]);

  const save = useMutation({
    mutationFn: (serviceLevels: ServiceLevels) => saveInventorySettings({ serviceLevels }),
    onSuccess: async (response) => {
      setText(inputs(response.settings.serviceLevels));
      onPreview(null);
      setMessage(
        `Saved: A ${serviceLevelInput(response.settings.serviceLevels.A)}%, B ${serviceLevelInput(response.settings.serviceLevels.B)}%, C ${serviceLevelInput(response.settings.serviceLevels.C)}%.`,
      );
      await refreshPlan(client);
    },
  });

  const row = (label: string, pick: (t: SafetyStockTotals) => number, money: boolean) => {
    const fmt = (v: number) =>
      money ? formatMoney(Math.round(v), 'GBP', locale, { wholeUnits: true }) : formatUnits(v, locale);
    const before = totals ? pick(totals.saved) : null;
    const after = totals ? pick(totals.applied) : null;
    const delta = before !== null && after !== null ? after - before : null;
    return (
      <tr>
        <th scope="row">{label}</th>
        <td className="num tabular">{before === null ? '—' : fmt(before)}</td>
        <td className="num tabular" data-figure={`preview-${label.toLowerCase().replace(/\W+/g, '-')}`}>
          {after === null ? '—' : fmt(after)}
        </td>
        <td className="num tabular">
          {delta === null || delta === 0 ? '—' : `${delta > 0 ? '+' : '−'}${fmt(Math.abs(delta))}`}
        </td>
      </tr>
    );
  };

  return (
    <section className="panel plan-service" aria-labelledby="service-levels">
      <h2 id="service-levels">Service level by ABC class</h2>
      <p className="plan-hint">
        The chance of not running out during a replenishment cycle. Higher levels hold more safety stock; the
        table shows what the levels typed would cost across all SKUs before you save them.
      </p>
      <form
        className="plan-service__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (levels && changed && canWrite) save.mutate(levels);
        }}
      >
        <div className="plan-service__inputs">
          {CLASSES.map((c) => (
            <TextField
              key={c}
              label={`Class ${c} (%)`}
              name={`service-${c}`}
              inputMode="decimal"
              value={text[c]}
              error={'error' in parsed[c] ? parsed[c].error : null}
              onChange={(event) => {
                setMessage('');
                setText({ ...text, [c]: event.target.value });
              }}
            />
          ))}
        </div>
        <table className="plan-compare">
          <caption className="visually-hidden">
            Safety stock at the saved and at the typed service levels
          </caption>
          <thead>
            <tr>
              <th scope="col">Safety stock</th>
              <th scope="col" className="num">
                Saved levels
              </th>
              <th scope="col" className="num">
                {props.previewing ? 'Levels typed' : 'Levels typed (same)'}
              </th>
              <th scope="col" className="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {row('Units', (t) => t.safetyStockUnits, false)}
            {row('Value', (t) => t.safetyStockValueGbpMinor, true)}
            {row('Holding cost a year', (t) => t.holdingCostGbpMinor, true)}
          </tbody>
        </table>
        {canWrite ? (
          <div className="plan-service__actions">
            <button type="submit" className="button button--primary" disabled={!changed || save.isPending}>
              {save.isPending ? 'Saving…' : 'Save service levels'}
            </button>
            <button
              type="button"
              className="button"
              disabled={!changed}
              onClick={() => {
                setText(inputs(saved));
                setMessage('');
              }}
            >
              Reset
            </button>
          </div>
        ) : (
          <p className="plan-hint">Your role can try other levels here but not save them.</p>
        )}
        <p role="status" className="plan-hint">
          {message}
        </p>
      </form>
      {save.isError && <ErrorPanel heading="The service levels were not saved" error={save.error} compact />}
    </section>
  );
}

function inputs(levels: ServiceLevels): Record<AbcClassName, string> {
  return { A: serviceLevelInput(levels.A), B: serviceLevelInput(levels.B), C: serviceLevelInput(levels.C) };
}
