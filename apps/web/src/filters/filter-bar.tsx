import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { filterOptionsQuery } from '../api/queries';
import { formatBusinessDate, formatDateRange } from '../format/date';
import { userLocale } from '../format/locale';
import { ErrorPanel } from '../ui/error-panel';
import './filter-bar.css';
import {
  channelsFor,
  matchPreset,
  PERIOD_PRESETS,
  type PresetId,
  presetPeriod,
  reconcileFilters,
  sameFilters,
} from './filters-url';
import { useGlobalFilters } from './use-global-filters';

/** The global filter bar: period, region, channel, SKU, all written to the URL. */
export function FilterBar() {
  const { filters, period, today, setFilters } = useGlobalFilters();
  const options = useQuery(filterOptionsQuery());
  const locale = userLocale();
  const id = useId();
  const preset = matchPreset(filters, today);
  const [customOpen, setCustomOpen] = useState(false);
  const showCustom = customOpen || preset === 'custom';
  const data = options.data;
  const loading = options.isPending;
  const hasFilters = Object.keys(filters).length > 0;

  // A bookmark may name a region, channel or SKU that is no longer offered: drop it rather than
  // filter by something the bar cannot show.
  useEffect(() => {
    if (!data) return;
    const reconciled = reconcileFilters(filters, data);
    if (!sameFilters(reconciled, filters)) setFilters(reconciled, { replace: true });
  }, [data, filters, setFilters]);

  const choosePreset = (value: string) => {
    if (value === 'custom') return setCustomOpen(true);
    setCustomOpen(false);
    setFilters({ ...filters, ...presetPeriod(value as PresetId, today) });
  };

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="filter-bar__controls">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-period`}>
            Period
          </label>
          <select
            id={`${id}-period`}
            value={showCustom ? 'custom' : preset}
            onChange={(e) => choosePreset(e.target.value)}
          >
            {PERIOD_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom…</option>
          </select>
        </div>
        {showCustom && (
          <CustomPeriod
            key={`${period.from}:${period.to}`}
            from={period.from}
            to={period.to}
            onApply={(range) => setFilters({ ...filters, ...range })}
          />
        )}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-region`}>
            Region
          </label>
          <select
            id={`${id}-region`}
            value={filters.region ?? ''}
            disabled={loading}
            onChange={(e) => {
              const region = e.target.value || undefined;
              const channel = data?.channels.find((c) => c.code === filters.channel);
              const keepChannel = channel && (!region || channel.regionCode === region);
              setFilters({ ...filters, region, channel: keepChannel ? filters.channel : undefined });
            }}
          >
            <option value="">All regions</option>
            {data?.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-channel`}>
            Channel
          </label>
          <select
            id={`${id}-channel`}
            value={filters.channel ?? ''}
            disabled={loading}
            onChange={(e) => setFilters({ ...filters, channel: e.target.value || undefined })}
          >
            <option value="">All channels</option>
            {data &&
              channelsFor(data, filters.region).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-sku`}>
            SKU
          </label>
          <select
            id={`${id}-sku`}
            value={filters.sku ?? ''}
            disabled={loading}
            onChange={(e) => setFilters({ ...filters, sku: e.target.value || undefined })}
          >
            <option value="">All SKUs</option>
            {data?.skus.map((s) => (
              <option key={s.sku} value={s.sku}>
                {s.sku} — {s.name}
              </option>
            ))}
          </select>
        </div>
        {hasFilters && (
          <button type="button" className="button filter-bar__reset" onClick={() => setFilters({})}>
            Reset filters
          </button>
        )}
      </div>
      <p className="filter-bar__summary">
        {formatDateRange(period.from, period.to, locale)}
        {data?.dataRange.to && data.dataRange.to < period.to && (
          <span className="filter-bar__note">
            {' '}
            · data available up to {formatBusinessDate(data.dataRange.to, locale)}
          </span>
        )}
      </p>
      {options.isError && (
        <ErrorPanel
          compact
          heading="Filter choices could not be loaded"
          error={options.error}
          onRetry={() => void options.refetch()}
        />
      )}
    </section>
  );
}

function CustomPeriod(props: {
  from: string;
  to: string;
  onApply: (range: { from: string; to: string }) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const invalid = !from || !to || from > to;
  return (
    <form
      className="filter-bar__custom"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) props.onApply({ from, to });
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-from`}>
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-to`}>
          To
        </label>
        <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
      </div>
      <button type="submit" className="button button--primary" disabled={invalid}>
        Apply
      </button>
      {from && to && from > to && (
        <span className="filter-bar__error" role="alert">
          “From” must be on or before “To”.
        </span>
      )}
    </form>
  );
}
