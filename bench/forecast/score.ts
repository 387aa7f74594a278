import { mase, maseScale, smape } from '@sentia/domain';
import { type M3Series, PERIODS, type Period } from './m3-data';

export type Scope = Period | 'all';
export const SCOPES: readonly Scope[] = [...PERIODS, 'all'];

/** Running sums of sMAPE and MASE per period and overall. */
export class Scoreboard {
  private readonly sums = new Map<Scope, { smape: number; mase: number; count: number }>();

  constructor() {
    for (const scope of SCOPES) this.sums.set(scope, { smape: 0, mase: 0, count: 0 });
  }

  /**
   * Scores one series: sMAPE over its horizon, and MASE scaled by the in-sample seasonal naive MAE with the
   * series' frequency (M4 convention; lag 1 for yearly and other).
   */
  add(series: M3Series, forecast: ArrayLike<number>): void {
    const s = smape(series.test, forecast);
    const m = mase(series.test, forecast, maseScale(series.train, series.frequency));
    for (const scope of [series.period, 'all'] as const) {
      const acc = this.sums.get(scope)!;
      acc.smape += s;
      acc.mase += m;
      acc.count += 1;
    }
  }

  smape(scope: Scope): number {
    const acc = this.sums.get(scope)!;
    return acc.count > 0 ? acc.smape / acc.count : Number.NaN;
  }

  mase(scope: Scope): number {
    const acc = this.sums.get(scope)!;
    return acc.count > 0 ? acc.mase / acc.count : Number.NaN;
  }

  count(scope: Scope): number {
    return this.sums.get(scope)!.count;
  }
}
