import { type CashAdjustmentsView, type ScenarioView, scenarioView } from '@sentia/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorPanel } from '../../ui/error-panel';
import { sendJson } from './send-json';
import { scenariosQuery } from './wc-queries';

const FIELDS: {
  key: Exclude<keyof CashAdjustmentsView, 'fxPct'>;
  label: string;
  unit: string;
  min: number;
  max: number;
}[] = [
  { key: 'revenuePct', label: 'Revenue', unit: '%', min: -100, max: 500 },
  { key: 'cogsPct', label: 'COGS', unit: '%', min: -100, max: 500 },
  { key: 'dsoDays', label: 'DSO', unit: 'days', min: -180, max: 180 },
  { key: 'dpoDays', label: 'DPO', unit: 'days', min: -180, max: 180 },
  { key: 'dioDays', label: 'DIO', unit: 'days', min: -180, max: 180 },
];

/**
 * The adjustments of the chosen scenario, editable: changes apply to the forecast at once (as an
 * unsaved draft) and can be saved under the same or a new name (write:scenarios, audited).
 */
export function ScenarioEditor(props: {
  scenario: ScenarioView;
  draft: CashAdjustmentsView | null;
  setDraft: (draft: CashAdjustmentsView | null) => void;
  currencies: readonly string[];
  canSave: boolean;
  onSaved: (name: string) => void;
}) {
  const { scenario, draft, setDraft, currencies, canSave, onSaved } = props;
  const current = draft ?? scenario.adjustments;
  const [name, setName] = useState(scenario.name);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => sendJson('POST', '/api/scenarios', { name, adjustments: current }, scenarioView),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: scenariosQuery().queryKey });
      setDraft(null);
      onSaved(saved.name);
    },
  });
  const update = (patch: Partial<CashAdjustmentsView>) => setDraft({ ...current, ...patch });
  return (
    <details className="panel wc-editor no-print">
      <summary>
        Scenario assumptions{draft && <span className="wc-editor__unsaved"> (unsaved changes shown)</span>}
      </summary>
      <div className="wc-editor__grid">
        {FIELDS.map((field) => (
          <label key={field.key} className="wc-field">
            {field.label} ({field.unit})
            <input
              type="number"
              min={field.min}
              max={field.max}
              step={1}
              value={current[field.key]}
              onChange={(e) => update({ [field.key]: Number(e.target.value) })}
            />
          </label>
        ))}
        {currencies.map((currency) => (
          <label key={currency} className="wc-field">
            {currency} value vs GBP (%)
            <input
              type="number"
              min={-90}
              max={500}
              step={1}
              value={current.fxPct[currency] ?? 0}
              onChange={(e) => update({ fxPct: { ...current.fxPct, [currency]: Number(e.target.value) } })}
            />
          </label>
        ))}
      </div>
      <div className="wc-editor__actions">
        {canSave && (
          <>
            <label className="wc-field">
              Save as
              <input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
            </label>
            <button
              type="button"
              className="button button--primary"
              disabled={save.isPending || name.trim() === ''}
              onClick={() => save.mutate()}
            >
              {save.isPending ? 'Saving…' : 'Save scenario'}
            </button>
          </>
        )}
        {draft && (
          <button type="button" className="button" onClick={() => setDraft(null)}>
            Discard changes
          </button>
        )}
      </div>
      {save.isError && <ErrorPanel error={save.error} heading="The scenario was not saved" />}
    </details>
  );
}
