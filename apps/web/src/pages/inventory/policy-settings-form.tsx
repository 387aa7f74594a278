import type { InventorySettingsView } from '@sentia/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { fieldErrorsOf } from '../../api/field-errors';
import { formatMoney } from '../../format/number';
import { ErrorPanel } from '../../ui/error-panel';
import { SelectField, TextField } from '../../ui/form-field';
import { formatShare } from './plan-format';
import { refreshPlan, saveInventorySettings } from './plan-queries';
import {
  checkPolicySettings,
  type PolicyErrors,
  type PolicyField,
  type PolicySettingsText,
  policyChange,
  policyErrorsFromApi,
  settingsText,
} from './policy-settings-model';

export interface LocationOption {
  code: string;
  name: string;
}

/**
 * The policy settings besides the service levels: ABC and XYZ thresholds, the window they are measured
 * over, ordering cost, holding rate, review period and receiving location. Those holding write:inventory
 * change them here (audited; the server derives the policies and open proposals again at once and the
 * page refetches them); everyone else reads them.
 */
export function PolicySettings(props: {
  settings: InventorySettingsView;
  canWrite: boolean;
  locations: readonly LocationOption[];
  locale: string;
}) {
  const { settings, canWrite, locations, locale } = props;
  return (
    <section className="panel" aria-labelledby="policy-settings">
      <h2 id="policy-settings">Policy settings</h2>
      <p className="plan-hint">
        How SKUs are classed and what ordering and holding stock cost: they set the ABC × XYZ classes, the
        economic order quantity (EOQ = √(2DK/h)), the periodic review and the safety stock’s holding cost.
      </p>
      {canWrite ? (
        <PolicySettingsForm settings={settings} locations={locations} locale={locale} />
      ) : (
        <>
          <PolicySettingsSummary settings={settings} locations={locations} locale={locale} />
          <p className="plan-hint">These are settings a planner or manager changes.</p>
        </>
      )}
    </section>
  );
}

function withoutField(errors: PolicyErrors, field: PolicyField): PolicyErrors {
  const rest = { ...errors };
  delete rest[field];
  return rest;
}

function locationName(code: string | null, locations: readonly LocationOption[]): string {
  if (code === null) return 'Automatic: the first own warehouse';
  const found = locations.find((l) => l.code === code);
  return found ? `${found.name} (${code})` : code;
}

function PolicySettingsSummary(props: {
  settings: InventorySettingsView;
  locations: readonly LocationOption[];
  locale: string;
}) {
  const { settings: s, locations, locale } = props;
  const pct = (v: number) => formatShare(v, locale, 2);
  const item = (term: string, value: ReactNode) => (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="plan-settings-summary" data-figure="policy-settings">
      {item(
        'ABC classes',
        `A: top ${pct(s.abcThresholds.a)} of revenue, B: next ${pct(s.abcThresholds.b - s.abcThresholds.a)}, C: the rest, over ${s.abcWindowDays} days`,
      )}
      {item(
        'XYZ classes',
        `X: variation (CV) below ${s.xyzThresholds.x}, Y: below ${s.xyzThresholds.y}, Z: the rest`,
      )}
      {item('Ordering cost', `${formatMoney(s.orderingCostGbpMinor, 'GBP', locale)} per order`)}
      {item('Holding rate', `${pct(s.holdingRate)} of unit cost a year`)}
      {item('Review period', `every ${s.reviewPeriodDays} days`)}
      {item('Receiving location', locationName(s.receivingLocationCode, locations))}
    </dl>
  );
}

function PolicySettingsForm(props: {
  settings: InventorySettingsView;
  locations: readonly LocationOption[];
  locale: string;
}) {
  const { settings, locations, locale } = props;
  const [text, setText] = useState<PolicySettingsText>(() => settingsText(settings));
  const [message, setMessage] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [apiErrors, setApiErrors] = useState<PolicyErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const savedKey = JSON.stringify(settingsText(settings));
  // Settings saved elsewhere (another person, another tab, our own save) replace the inputs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `savedKey` is the identity of `settings`
  useEffect(() => setText(settingsText(settings)), [savedKey]);
  const client = useQueryClient();
  const focusFirstInvalid = () =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  const save = useMutation({
    mutationFn: saveInventorySettings,
    onSuccess: async (response) => {
      const s = response.settings;
      setMessage(
        `Saved: holding rate ${formatShare(s.holdingRate, locale, 2)}, ordering cost ${formatMoney(s.orderingCostGbpMinor, 'GBP', locale)}, review every ${s.reviewPeriodDays} days. The policies, classes and open proposals now use these settings.`,
      );
      setSubmitted(false);
      setApiErrors({});
      await refreshPlan(client);
    },
    onError: (error) => {
      setApiErrors(policyErrorsFromApi(fieldErrorsOf(error)));
      focusFirstInvalid();
    },
  });
  const check = checkPolicySettings(text);
  const change = 'settings' in check ? policyChange(settings, check.settings) : null;
  const changed = change === null || Object.keys(change).length > 0;
  const errors: PolicyErrors = { ...apiErrors, ...(submitted && 'errors' in check ? check.errors : {}) };
  const apiFieldError = Object.keys(apiErrors).length > 0;
  const edit = (field: PolicyField) => (event: { target: { value: string } }) => {
    setMessage('');
    setApiErrors((current) => withoutField(current, field));
    setText({ ...text, [field]: event.target.value });
  };
  const field = (name: PolicyField, label: string, hint: string, inputMode: 'decimal' | 'numeric') => (
    <TextField
      label={label}
      hint={hint}
      name={name}
      inputMode={inputMode}
      value={text[name]}
      error={errors[name] ?? null}
      onChange={edit(name)}
    />
  );
  const knownLocation = locations.some((l) => l.code === text.receivingLocationCode);

  return (
    <form
      ref={formRef}
      className="plan-settings"
      noValidate
      aria-labelledby="policy-settings"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (!change) return focusFirstInvalid();
        if (Object.keys(change).length > 0) save.mutate(change);
      }}
    >
      <fieldset className="plan-settings__group">
        <legend>Classes</legend>
        {field(
          'abcA',
          'Class A: share of revenue (%)',
          'The SKUs making this share, largest first.',
          'decimal',
        )}
        {field('abcB', 'Class B: next share (%)', 'Class C is the rest.', 'decimal')}
        {field('xyzX', 'Class X: variation below', 'Coefficient of variation of weekly demand.', 'decimal')}
        {field('xyzY', 'Class Y: variation below', 'Class Z is above it.', 'decimal')}
        {field('abcWindowDays', 'Measured over (days)', 'Revenue and demand of these last days.', 'numeric')}
      </fieldset>
      <fieldset className="plan-settings__group">
        <legend>Costs and replenishment</legend>
        {field(
          'orderingCost',
          'Ordering cost (£)',
          'What placing one order costs (K in the EOQ).',
          'decimal',
        )}
        {field(
          'holdingRate',
          'Holding rate (% a year)',
          'Of unit cost, a year (h = rate × cost).',
          'decimal',
        )}
        {field(
          'reviewPeriodDays',
          'Review period (days)',
          'How often periodic review tops up to S.',
          'numeric',
        )}
        <SelectField
          label="Receiving location"
          hint="Where purchases and production land."
          name="receivingLocationCode"
          value={text.receivingLocationCode}
          error={errors.receivingLocationCode ?? null}
          onChange={edit('receivingLocationCode')}
        >
          <option value="">Automatic: the first own warehouse</option>
          {!knownLocation && text.receivingLocationCode !== '' && (
            <option value={text.receivingLocationCode}>{text.receivingLocationCode}</option>
          )}
          {locations.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name} ({l.code})
            </option>
          ))}
        </SelectField>
      </fieldset>
      <div className="plan-service__actions">
        <button type="submit" className="button button--primary" disabled={!changed || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save policy settings'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!changed}
          onClick={() => {
            setText(settingsText(settings));
            setSubmitted(false);
            setApiErrors({});
            setMessage('');
          }}
        >
          Reset
        </button>
      </div>
      <p role="status" className="plan-hint">
        {message}
      </p>
      {save.isError && !apiFieldError && (
        <ErrorPanel heading="The policy settings were not saved" error={save.error} compact />
      )}
    </form>
  );
}
