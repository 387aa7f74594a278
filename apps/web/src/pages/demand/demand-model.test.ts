import type { ForecastResponse, SeriesRef } from '@sentia/contracts';
import { NEUTRAL_ADJUSTMENT } from '@sentia/domain';
import { describe, expect, it } from 'vitest';
import {
  adjustmentBody,
  demandChartModel,
  describeAdjustment,
  drillCrumbs,
  forecastApiQuery,
  modelHeadline,
  previewAdjusted,
  sameAdjustment,
  seriesHref,
} from './demand-model';

const company: SeriesRef = {
  key: 'company',
  level: 'company',
  label: 'All regions and channels',
  sku: null,
  channel: null,
  region: null,
};
const uk: SeriesRef = {
  key: 'region=UK',
  level: 'region',
  label: 'United Kingdom',
  sku: null,
  channel: null,
  region: 'UK',
};
const gin: SeriesRef = {
  key: 'sku=GIN|channel=amazon-uk|region=UK',
  level: 'sku-channel',
  label: 'GIN in Amazon UK',
  sku: 'GIN',
  channel: 'amazon-uk',
  region: 'UK',
};

const band = (mean: number) => ({
  mean,
  lower80: mean * 0.8,
  upper80: mean * 1.2,
  lower95: mean * 0.6,
  upper95: mean * 1.4,
});

function response(): ForecastResponse {
  return {
    series: gin,
    trail: [company, uk, gin],
    granularity: 'month',
    periodsPerYear: 12,
    state: 'ready',
    message: null,
    run: null,
    activeRun: null,
    model: null,
    accuracy: null,
    history: [
      { periodStart: '2026-01-01', units: 90 },
      { periodStart: '2026-02-01', units: 110 },
    ],
    forecast: [
      {
        periodStart: '2026-03-01',
        base: 100,
        statistical: band(100),
        inherited: band(120),
        adjusted: band(120),
        seasonalIndex: 1.2,
      },
      {
        periodStart: '2026-04-01',
        base: 80,
        statistical: band(80),
        inherited: band(96),
        adjusted: band(96),
        seasonalIndex: 0.8,
      },
    ],
    adjustment: null,
    adjustedElsewhere: [uk],
    children: [],
    demoData: false,
    generatedAt: '2026-03-02T00:00:00Z',
  };
}

describe('demand page model', () => {
  it('previews a draft on the inherited forecast, as the server computes the adjusted one', () => {
    const data = response();
    // No own adjustment: the adjusted forecast is the inherited one (adjustments made elsewhere).
    expect(Array.from(previewAdjusted(data, NEUTRAL_ADJUSTMENT).mean)).toEqual([120, 96]);
    const flat = previewAdjusted(data, { ...NEUTRAL_ADJUSTMENT, seasonalityStrength: 0 });
    expect(flat.mean[0]).toBeCloseTo(100, 9); // 120 / 1.2
    expect(flat.mean[1]).toBeCloseTo(120, 9); // 96 / 0.8
    const promo = previewAdjusted(data, {
      ...NEUTRAL_ADJUSTMENT,
      promotions: [{ periodStart: '2026-04-01', upliftPct: 50 }],
    });
    expect(Array.from(promo.mean)).toEqual([120, 144]);
    expect(promo.upper95[1]).toBeCloseTo(96 * 1.4 * 1.5, 9);
  });

  it('plots history, the statistical forecast with both bands, and the adjusted line only when it differs', () => {
    const data = response();
    const same = demandChartModel(data, previewAdjusted(data, NEUTRAL_ADJUSTMENT), 'en-GB');
    expect(same.x).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
    expect(same.series.map((s) => s.key)).toEqual(['history', 'statistical', 'adjusted']);
    expect(same.series[0]!.values).toEqual([90, 110, null, null]);
    expect(same.series[1]!.values).toEqual([null, null, 100, 80]);
    expect(same.bands.map((b) => b.key)).toEqual(['band95', 'band80']);
    expect(same.bands[1]!.upper).toEqual([null, null, 120, 96]);
    const unadjusted = {
      ...data,
      forecast: data.forecast.map((p) => ({ ...p, inherited: p.statistical, adjusted: p.statistical })),
    };
    const plain = demandChartModel(unadjusted, previewAdjusted(unadjusted, NEUTRAL_ADJUSTMENT), 'en-GB');
    expect(plain.series.map((s) => s.key)).toEqual(['history', 'statistical']);
  });

  it('links drill-down and breadcrumbs through the global filters, keeping period and granularity', () => {
    const keep = { from: '2025-01-01', to: '2025-12-31', sku: 'OTHER' };
    expect(seriesHref(gin, keep, 'month')).toBe(
      '/demand?from=2025-01-01&to=2025-12-31&region=UK&channel=amazon-uk&sku=GIN&granularity=month',
    );
    expect(seriesHref(company, {}, 'week')).toBe('/demand');
    expect(drillCrumbs([company, uk, gin], {}, 'week')).toEqual([
      { label: 'Global', to: '/demand' },
      { label: 'United Kingdom', to: '/demand?region=UK' },
      { label: 'GIN in Amazon UK' },
    ]);
    expect(forecastApiQuery({ region: 'UK', channel: 'amazon-uk' }, 'week')).toBe(
      'region=UK&channel=amazon-uk&granularity=week',
    );
  });

  it('sends only promotions that change something, in period order, and compares drafts by effect', () => {
    const draft = {
      growthPct: 5,
      seasonalityStrength: 0.8,
      promotions: [
        { periodStart: '2026-05-01', upliftPct: 10 },
        { periodStart: '2026-04-01', upliftPct: 0 },
        { periodStart: '2026-03-01', upliftPct: 25 },
      ],
    };
    expect(adjustmentBody(draft).promotions.map((p) => p.periodStart)).toEqual(['2026-03-01', '2026-05-01']);
    expect(sameAdjustment(draft, adjustmentBody(draft))).toBe(true);
    expect(sameAdjustment(draft, { ...draft, growthPct: 6 })).toBe(false);
    expect(describeAdjustment(draft, 'en-GB')).toBe('+5% a year · seasonality 80% · 2 promotions');
    expect(describeAdjustment(NEUTRAL_ADJUSTMENT, 'en-GB')).toBe('No adjustment');
  });

  it('names the fitted model briefly and keeps the engine’s full label as the detail', () => {
    expect(
      modelHeadline('mean(ETS weighted [ETS(M,A,M)×0.93 + ETS(M,N,M)×0.07], Theta (seasonally adjusted))'),
    ).toEqual({
      headline: 'ETS + Theta combination',
      detail: 'Mean of ETS (weighted by AICc: ETS(M,A,M) 93%, ETS(M,N,M) 7%) and Theta (seasonally adjusted)',
    });
    expect(modelHeadline('SBA')).toEqual({ headline: 'SBA', detail: null });
    const many = modelHeadline(
      'mean(ETS weighted [ETS(M,N,M)×0.45 + ETS(A,N,A)×0.19 + ETS(M,N,A)×0.18 + ETS(M,A,A)×0.11 + ETS(M,A,M)×0.07], Theta)',
    );
    expect(many.detail).toBe(
      'Mean of ETS (weighted by AICc: ETS(M,N,M) 45%, ETS(A,N,A) 19%, ETS(M,N,A) 18%, 2 more) and Theta',
    );
  });
});
