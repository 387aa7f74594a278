import { convertMinor } from '../money/money';

/** An amount in integer minor units of its currency. */
export interface CurrencyAmount {
  currency: string;
  minor: number;
}

/** GBP value of one unit of each currency (the fx_rates convention); GBP itself needs no entry. */
export type FxRates = Readonly<Record<string, number | string>>;

/** Percentage change in the GBP value of a currency, e.g. `{ EUR: -10 }`: the euro worth 10% less. */
export type FxShifts = Readonly<Record<string, number>>;

export interface GbpTotal {
  /** The sum in GBP minor units; null when some amount could not be converted (a partial sum would mislead). */
  minor: number | null;
  /** Currencies with a non-zero amount but no rate. */
  unconverted: string[];
}

/** The rate to use for a currency after an FX shift; undefined when none is known. */
export function shiftedRate(rates: FxRates, currency: string, shifts: FxShifts = {}): number | undefined {
  if (currency === 'GBP') return 1;
  const raw = rates[currency];
  if (raw === undefined || raw === null) return undefined;
  const rate = Number(raw);
  if (!(rate > 0) || !Number.isFinite(rate)) return undefined;
  return rate * (1 + (shifts[currency] ?? 0) / 100);
}

/** Converts one amount to GBP minor units with the (shifted) rate; undefined without a rate. */
export function toGbpMinor(
  amount: CurrencyAmount,
  rates: FxRates,
  shifts: FxShifts = {},
): number | undefined {
  if (amount.currency === 'GBP') return amount.minor;
  const rate = shiftedRate(rates, amount.currency, shifts);
  return rate === undefined ? undefined : convertMinor(amount.minor, amount.currency, 'GBP', rate);
}

/**
 * Sums amounts in several currencies in GBP: each currency is summed exactly in its own minor units
 * first and converted once at its rate (so rounding happens once per currency, not per amount).
 */
export function sumInGbp(
  amounts: readonly CurrencyAmount[],
  rates: FxRates,
  shifts: FxShifts = {},
): GbpTotal {
  const perCurrency = new Map<string, number>();
  for (const a of amounts) {
    const total = (perCurrency.get(a.currency) ?? 0) + a.minor;
    if (!Number.isSafeInteger(total)) throw new RangeError('sum of minor units out of range');
    perCurrency.set(a.currency, total);
  }
  let minor = 0;
  const unconverted: string[] = [];
  for (const [currency, total] of [...perCurrency].sort(([a], [b]) => a.localeCompare(b))) {
    if (total === 0) continue;
    const gbp = toGbpMinor({ currency, minor: total }, rates, shifts);
    if (gbp === undefined) unconverted.push(currency);
    else minor += gbp;
  }
  return { minor: unconverted.length > 0 ? null : minor, unconverted };
}
