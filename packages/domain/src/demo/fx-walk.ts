import type { FxRateRecord } from '../records/index';
import { dayOfWeek, fromEpochDay } from './dates';
import type { Rng } from './prng';
import { type DemoCurrency, FX_ANCHORS } from './reference-customer';

type ForeignCurrency = Exclude<DemoCurrency, 'GBP'>;
const FOREIGN: readonly ForeignCurrency[] = ['EUR', 'USD'];
/** Pull back towards the anchor each day, so the walk wanders without drifting away for good. */
const MEAN_REVERSION = 0.015;

/**
 * Daily FX rates (GBP per unit) as a gentle mean-reverting random walk in log space. Markets are
 * shut at weekends, so Saturday and Sunday repeat Friday's rate, as published reference rates do.
 */
export class FxWalk {
  private readonly logRates: Record<ForeignCurrency, number>;

  constructor(private readonly rng: Rng) {
    this.logRates = { EUR: Math.log(FX_ANCHORS.EUR.start), USD: Math.log(FX_ANCHORS.USD.start) };
  }

  /** Moves to `day` (called once per day, in order) and returns that day's rates. */
  advance(day: number): FxRateRecord[] {
    const dow = dayOfWeek(day);
    const weekend = dow === 0 || dow === 6;
    return FOREIGN.map((currency) => {
      if (!weekend) {
        const { anchor, dailySd } = FX_ANCHORS[currency];
        const current = this.logRates[currency];
        this.logRates[currency] =
          current + MEAN_REVERSION * (Math.log(anchor) - current) + this.rng.normal(0, dailySd);
      }
      return { source: 'demo', rateDate: fromEpochDay(day), currency, rateToGbp: this.rateText(currency) };
    });
  }

  /** Today's GBP value of one unit, as used in the records (rounded to 6 places). */
  rate(currency: DemoCurrency): number {
    return currency === 'GBP' ? 1 : Number(this.rateText(currency));
  }

  /** Converts minor units of `currency` to GBP minor units at today's rate. */
  toGbp(minor: number, currency: DemoCurrency): number {
    return Math.round(minor * this.rate(currency));
  }

  private rateText(currency: ForeignCurrency): string {
    return Math.exp(this.logRates[currency]).toFixed(6);
  }
}
