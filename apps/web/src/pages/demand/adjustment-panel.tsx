import type { ForecastResponse } from '@sentia/contracts';
import { type ForecastAdjustment, isNeutralAdjustment, NEUTRAL_ADJUSTMENT } from '@sentia/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formatBusinessDate, formatInstant } from '../../format/date';
import { formatNumber, formatPercent } from '../../format/number';
import { ErrorPanel } from '../../ui/error-panel';
import { saveAdjustment } from './demand-api';
import { adjustmentBody, describeAdjustment, sameAdjustment } from './demand-model';

interface Props {
  data: ForecastResponse;
  draft: ForecastAdjustment;
  onDraft: (draft: ForecastAdjustment) => void;
  canWrite: boolean;
  locale: string;
  adjustedTotal: number;
  statisticalTotal: number;
}

/**
 * The planner's adjustment of the series shown: growth, seasonality strength and promotions on chosen
 * periods. Every change previews at once in the chart (same arithmetic as the server); saving stores a
 * new version, attributed, and the statistical forecast stays as it was.
 */
export function AdjustmentPanel(props: Props) {
  const { data, draft, onDraft, canWrite, locale } = props;
  const id = useId();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const saved = data.adjustment;
  const savedAdjustment = saved?.adjustment ?? NEUTRAL_ADJUSTMENT;
  const changed = !sameAdjustment(draft, savedAdjustment);
  const save = useMutation({
    mutationFn: (adjustment: ForecastAdjustment) =>
      saveAdjustment({
        series: data.series,
        granularity: data.granularity,
        baseVersion: saved?.version ?? 0,
        adjustment: adjustmentBody(adjustment),
        note: note.trim() || undefined,
      }),
    onSuccess: async () => {
      setNote('');
      await client.invalidateQueries({ queryKey: ['forecasts'] });
    },
  });
  const unit = data.granularity === 'week' ? 'week' : 'month';
  const periods = data.forecast.map((p) => p.periodStart);
  const usedPeriods = new Set(draft.promotions.map((p) => p.periodStart));
  const freePeriod = periods.find((p) => !usedPeriods.has(p));
  const update = (patch: Partial<ForecastAdjustment>) => onDraft({ ...draft, ...patch });
  const change = props.statisticalTotal > 0 ? props.adjustedTotal / props.statisticalTotal - 1 : 0;

  return (
    <section className="panel demand__adjust" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Planner adjustment</h2>
      <p data-testid="adjustment-version">
        {saved ? (
          <>
            Version {saved.version}
            {saved.createdBy.name ? ` by ${saved.createdBy.name}` : ''},{' '}
            {formatInstant(new Date(saved.createdAt), locale)} —{' '}
            {describeAdjustment(saved.adjustment, locale)}
            {saved.note ? ` — “${saved.note}”` : ''}
          </>
        ) : (
          'Not adjusted: the adjusted forecast is the statistical one.'
        )}
      </p>
      {data.adjustedElsewhere.length > 0 && (
        <p className="demand__note">
          Also includes adjustments made on {data.adjustedElsewhere.map((s) => s.label).join(', ')}.
        </p>
      )}
      {canWrite ? (
        <form
          className="demand__form"
          onSubmit={(event) => {
            event.preventDefault();
            if (changed) save.mutate(draft);
          }}
        >
          <div className="demand__field">
            <label htmlFor={`${id}-growth`}>Growth (% a year)</label>
            <input
              id={`${id}-growth`}
              type="number"
              inputMode="decimal"
              min={-100}
              max={500}
              step={0.5}
              value={draft.growthPct}
              aria-describedby={`${id}-growth-hint`}
              onChange={(e) => {
                const value = e.target.valueAsNumber;
                if (Number.isFinite(value)) update({ growthPct: Math.min(500, Math.max(-100, value)) });
              }}
            />
            <p id={`${id}-growth-hint`} className="demand__hint">
              Compounds from the first forecast {unit}.
            </p>
          </div>
          <div className="demand__field">
            <label htmlFor={`${id}-season`}>
              Seasonality strength{' '}
              <output htmlFor={`${id}-season`}>{Math.round(draft.seasonalityStrength * 100)}%</output>
            </label>
            <input
              id={`${id}-season`}
              type="range"
              min={0}
              max={200}
              step={5}
              value={Math.round(draft.seasonalityStrength * 100)}
              aria-valuetext={`${Math.round(draft.seasonalityStrength * 100)}%`}
              aria-describedby={`${id}-season-hint`}
              onChange={(e) => update({ seasonalityStrength: Number(e.target.value) / 100 })}
            />
            <p id={`${id}-season-hint`} className="demand__hint">
              0% flattens the seasonal peaks and troughs, 100% keeps them, 200% doubles them.
            </p>
          </div>
          <fieldset className="demand__promotions">
            <legend>Promotions</legend>
            {draft.promotions.length === 0 && <p className="demand__hint">None planned.</p>}
            {draft.promotions.map((promotion, index) => (
              <div key={promotion.periodStart} className="demand__promotion">
                <label className="visually-hidden" htmlFor={`${id}-promo-${index}`}>
                  Promotion {index + 1}: {unit}
                </label>
                <select
                  id={`${id}-promo-${index}`}
                  value={promotion.periodStart}
                  onChange={(e) =>
                    update({
                      promotions: draft.promotions.map((p, i) =>
                        i === index ? { ...p, periodStart: e.target.value } : p,
                      ),
                    })
                  }
                >
                  {periods
                    .filter((p) => p === promotion.periodStart || !usedPeriods.has(p))
                    .map((p) => (
                      <option key={p} value={p}>
                        {formatBusinessDate(p, locale)}
                      </option>
                    ))}
                  {!periods.includes(promotion.periodStart) && (
                    <option value={promotion.periodStart}>
                      {formatBusinessDate(promotion.periodStart, locale)} (past)
                    </option>
                  )}
                </select>
                <label className="visually-hidden" htmlFor={`${id}-uplift-${index}`}>
                  Promotion {index + 1}: uplift in percent
                </label>
                <input
                  id={`${id}-uplift-${index}`}
                  type="number"
                  inputMode="decimal"
                  min={-100}
                  max={1000}
                  step={5}
                  value={promotion.upliftPct}
                  onChange={(e) => {
                    const value = e.target.valueAsNumber;
                    if (!Number.isFinite(value)) return;
                    update({
                      promotions: draft.promotions.map((p, i) =>
                        i === index ? { ...p, upliftPct: Math.min(1000, Math.max(-100, value)) } : p,
                      ),
                    });
                  }}
                />
                <span aria-hidden="true">%</span>
                <button
                  type="button"
                  className="button"
                  onClick={() => update({ promotions: draft.promotions.filter((_, i) => i !== index) })}
                >
                  Remove<span className="visually-hidden"> promotion {index + 1}</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button"
              disabled={!freePeriod}
              onClick={() =>
                freePeriod &&
                update({ promotions: [...draft.promotions, { periodStart: freePeriod, upliftPct: 20 }] })
              }
            >
              Add promotion
            </button>
          </fieldset>
          <div className="demand__field">
            <label htmlFor={`${id}-note`}>Note (optional)</label>
            <input
              id={`${id}-note`}
              type="text"
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <p className="demand__preview" aria-live="polite" data-testid="preview">
            {changed
              ? `Preview: ${formatNumber(Math.round(props.adjustedTotal), locale)} units over the next ${data.forecast.length} ${unit}s (${change > 0 ? '+' : ''}${formatPercent(change, locale)} against the statistical forecast). Not saved yet.`
              : `Adjusted forecast: ${formatNumber(Math.round(props.adjustedTotal), locale)} units over the next ${data.forecast.length} ${unit}s.`}
          </p>
          {save.isError && (
            <ErrorPanel
              compact
              heading="The adjustment was not saved"
              error={save.error}
              onRetry={() => void client.invalidateQueries({ queryKey: ['forecasts'] })}
            />
          )}
          <div className="demand__actions">
            <button type="submit" className="button button--primary" disabled={!changed || save.isPending}>
              {save.isPending ? 'Saving…' : 'Save adjustment'}
            </button>
            <button
              type="button"
              className="button"
              disabled={!changed}
              onClick={() => onDraft(savedAdjustment)}
            >
              Discard changes
            </button>
            {saved && !isNeutralAdjustment(saved.adjustment) && (
              <button
                type="button"
                className="button"
                disabled={save.isPending}
                onClick={() => {
                  onDraft(NEUTRAL_ADJUSTMENT);
                  save.mutate(NEUTRAL_ADJUSTMENT);
                }}
              >
                Remove adjustment
              </button>
            )}
          </div>
        </form>
      ) : (
        <p className="demand__note">Your role can see adjustments but not change them (write:forecasts).</p>
      )}
    </section>
  );
}
