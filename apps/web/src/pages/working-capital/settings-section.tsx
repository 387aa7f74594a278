import {
  type RecurringCost,
  type WorkingCapitalSettings,
  type WorkingCapitalSettingsResponse,
  workingCapitalSettingsResponse,
} from '@sentia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatMoney } from '../../format/number';
import { ErrorPanel } from '../../ui/error-panel';
import { sendJson } from './send-json';
import { settingsQuery } from './wc-queries';

/**
 * The working-capital settings: minimum cash, credit facility, CCC thresholds and alert, channel
 * settlement terms, recurring costs, and whether observed other bank movements are used. Editable
 * with write:working-capital (saved and audited by the server); read-only otherwise.
 */
export function SettingsSection({ canEdit, locale }: { canEdit: boolean; locale: string }) {
  const settings = useQuery(settingsQuery());
  return (
    <details className="wc-section panel wc-settings" id="settings">
      <summary>
        <h2>Settings</h2>
      </summary>
      {settings.isError && <ErrorPanel error={settings.error} heading="The settings could not be loaded" />}
      {settings.data && (
        <SettingsForm
          key={settings.data.updatedAt ?? 'default'}
          data={settings.data}
          canEdit={canEdit}
          locale={locale}
        />
      )}
    </details>
  );
}

const pounds = (minor: number) => (minor / 100).toFixed(2);
const toMinor = (text: string) => Math.round(Number(text) * 100);

function SettingsForm(props: { data: WorkingCapitalSettingsResponse; canEdit: boolean; locale: string }) {
  const { data, canEdit, locale } = props;
  const client = useQueryClient();
  const [draft, setDraft] = useState<WorkingCapitalSettings>(data.settings);
  const save = useMutation({
    mutationFn: (next: WorkingCapitalSettings) =>
      sendJson('PUT', '/api/working-capital/settings', next, workingCapitalSettingsResponse),
    onSuccess: (saved) => {
      client.setQueryData(settingsQuery().queryKey, saved);
      // Thresholds, terms and costs change every working-capital figure: fetch them again.
      void client.invalidateQueries({ queryKey: ['working-capital'] });
    },
  });
  const set = <K extends keyof WorkingCapitalSettings>(key: K, value: WorkingCapitalSettings[K]) =>
    setDraft({ ...draft, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const terms = (code: string) => draft.channelTerms.find((t) => t.channelCode === code);
  const setTerms = (code: string, settlementDays: number, payoutEveryDays: number, source: number) => {
    const others = draft.channelTerms.filter((t) => t.channelCode !== code);
    set(
      'channelTerms',
      settlementDays === source && payoutEveryDays === 1
        ? others
        : [...others, { channelCode: code, settlementDays, payoutEveryDays }],
    );
  };
  const observed = data.observedOtherFlowsPerWeekMinor;

  return (
    <form className="wc-settings__form" onSubmit={submit}>
      <fieldset disabled={!canEdit || save.isPending}>
        {!canEdit && (
          <p className="wc-note">
            Your role can read these settings; changing them needs write:working-capital.
          </p>
        )}
        <div className="wc-settings__grid">
          <NumberField
            label="Minimum cash (GBP)"
            value={pounds(draft.minimumCashMinor)}
            step="0.01"
            onChange={(v) => set('minimumCashMinor', toMinor(v))}
          />
          <NumberField
            label="Credit facility limit (GBP)"
            value={pounds(draft.creditFacility.limitMinor)}
            step="0.01"
            min="0"
            onChange={(v) => set('creditFacility', { ...draft.creditFacility, limitMinor: toMinor(v) })}
          />
          <NumberField
            label="Facility drawn (GBP)"
            value={pounds(draft.creditFacility.drawnMinor)}
            step="0.01"
            min="0"
            onChange={(v) => set('creditFacility', { ...draft.creditFacility, drawnMinor: toMinor(v) })}
          />
          <NumberField
            label="CCC target (days)"
            value={String(draft.cccThresholds.target)}
            onChange={(v) => set('cccThresholds', { ...draft.cccThresholds, target: Number(v) })}
          />
          <NumberField
            label="CCC warning (days)"
            value={String(draft.cccThresholds.warning)}
            onChange={(v) => set('cccThresholds', { ...draft.cccThresholds, warning: Number(v) })}
          />
          <NumberField
            label="CCC critical (days)"
            value={String(draft.cccThresholds.critical)}
            onChange={(v) => set('cccThresholds', { ...draft.cccThresholds, critical: Number(v) })}
          />
          <NumberField
            label="Alert when CCC rises more than (days a month)"
            value={String(draft.cccRiseAlertDays)}
            min="0"
            onChange={(v) => set('cccRiseAlertDays', Number(v))}
          />
        </div>
        <label className="wc-check">
          <input
            type="checkbox"
            checked={draft.includeObservedOtherFlows}
            onChange={(e) => set('includeObservedOtherFlows', e.target.checked)}
          />
          Use the bank’s other movements (not invoice payments) as a weekly run rate
          {observed !== null &&
            ` — observed ${formatMoney(observed, 'GBP', locale, { wholeUnits: true })} a week over 13 weeks`}
        </label>
        <h3>Channel settlement terms</h3>
        <table className="wc-settings__table">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Days to cash</th>
              <th scope="col">Payout every (days)</th>
            </tr>
          </thead>
          <tbody>
            {data.channels.map((c) => {
              const current = terms(c.channelCode);
              const settlement = current?.settlementDays ?? c.sourceSettlementDays;
              const every = current?.payoutEveryDays ?? 1;
              return (
                <tr key={c.channelCode}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <input
                      type="number"
                      min={0}
                      max={365}
                      aria-label={`${c.name}: days from sale to cash`}
                      value={settlement}
                      onChange={(e) =>
                        setTerms(c.channelCode, Number(e.target.value), every, c.sourceSettlementDays)
                      }
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={31}
                      aria-label={`${c.name}: payout cycle in days`}
                      value={every}
                      onChange={(e) =>
                        setTerms(c.channelCode, settlement, Number(e.target.value), c.sourceSettlementDays)
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <RecurringCosts costs={draft.recurringCosts} onChange={(costs) => set('recurringCosts', costs)} />
        {canEdit && (
          <div className="wc-settings__actions">
            <button type="submit" className="button button--primary">
              {save.isPending ? 'Saving…' : 'Save settings'}
            </button>
            <button type="button" className="button" onClick={() => setDraft(data.settings)}>
              Undo changes
            </button>
            <span aria-live="polite">{save.isSuccess ? 'Saved.' : ''}</span>
          </div>
        )}
      </fieldset>
      {save.isError && <ErrorPanel error={save.error} heading="The settings were not saved" />}
    </form>
  );
}

function NumberField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  step?: string;
  min?: string;
}) {
  return (
    <label className="wc-field">
      {props.label}
      <input
        type="number"
        value={props.value}
        step={props.step ?? '1'}
        min={props.min}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

function RecurringCosts({
  costs,
  onChange,
}: {
  costs: RecurringCost[];
  onChange: (costs: RecurringCost[]) => void;
}) {
  const update = (index: number, patch: Partial<RecurringCost>) =>
    onChange(costs.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <>
      <h3>Recurring costs</h3>
      {costs.length === 0 && <p className="wc-note">None entered (payroll, overhead, VAT).</p>}
      {costs.map((cost, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; the index is their position
        <div className="wc-settings__cost" key={index}>
          <label className="wc-field">
            Name
            <input value={cost.label} onChange={(e) => update(index, { label: e.target.value })} />
          </label>
          <label className="wc-field">
            Kind
            <select
              value={cost.kind}
              onChange={(e) => update(index, { kind: e.target.value as RecurringCost['kind'] })}
            >
              <option value="payroll">Payroll</option>
              <option value="overhead">Overhead</option>
              <option value="vat">VAT</option>
              <option value="other">Other</option>
            </select>
          </label>
          <label className="wc-field">
            Amount
            <input
              type="number"
              step="0.01"
              min="0.01"
              value={pounds(cost.amountMinor)}
              onChange={(e) => update(index, { amountMinor: toMinor(e.target.value) })}
            />
          </label>
          <label className="wc-field">
            Currency
            <input
              value={cost.currency}
              maxLength={3}
              onChange={(e) => update(index, { currency: e.target.value.toUpperCase() })}
            />
          </label>
          <label className="wc-field">
            Every
            <select
              value={cost.frequency}
              onChange={(e) => update(index, { frequency: e.target.value as RecurringCost['frequency'] })}
            >
              <option value="weekly">Week</option>
              <option value="monthly">Month</option>
              <option value="quarterly">Quarter</option>
            </select>
          </label>
          <label className="wc-field">
            Next payment
            <input
              type="date"
              value={cost.nextDate}
              onChange={(e) => update(index, { nextDate: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="button"
            onClick={() => onChange(costs.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          onChange([
            ...costs,
            {
              label: 'Payroll',
              kind: 'payroll',
              amountMinor: 0,
              currency: 'GBP',
              frequency: 'monthly',
              nextDate: new Date().toISOString().slice(0, 10),
            },
          ])
        }
      >
        Add a recurring cost
      </button>
    </>
  );
}
