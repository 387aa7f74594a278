import { type SeasonalAdjustment, seasonalAdjustment } from '../seasonality/seasonal-adjustment';
import type { ForecastOptions } from '../types';

/**
 * What a method gets: the history, the season length, the horizon and the options, plus a memo so that a
 * combination computes the seasonality test, the decomposition and shared fits once.
 */
export class MethodContext {
  private adjustment: SeasonalAdjustment | undefined;
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly y: Float64Array,
    readonly period: number,
    readonly horizon: number,
    readonly options: ForecastOptions = {},
  ) {}

  get n(): number {
    return this.y.length;
  }

  /** Seasonality test and classical decomposition (computed once). */
  seasonalAdjustment(): SeasonalAdjustment {
    if (this.adjustment === undefined) {
      this.adjustment = seasonalAdjustment(this.y, this.period, {
        test: this.options.seasonalityTest ?? true,
      });
    }
    return this.adjustment;
  }

  /** Computes a value once per context under a key. */
  cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }
}
