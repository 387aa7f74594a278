import type { BankBalanceRecord } from '../records/index';
import { dayOfMonth, dayOfWeek, fromEpochDay } from './dates';
import type { FxWalk } from './fx-walk';
import { DEMO_BANK_ACCOUNTS, type DemoCurrency } from './reference-customer';

/** Running costs that are not supplier bills (payroll, rent, marketing, software), paid weekly. */
const OVERHEAD_SHARE_OF_REVENUE = 0.4;
const FIXED_WEEKLY_OVERHEAD_GBP_MINOR = 450_000;
/** Foreign-currency accounts keep this float; the surplus is converted to GBP monthly. */
const FOREIGN_FLOAT_MINOR = 4_000_000;

/**
 * The bank accounts: one per currency. Invoice payments move cash on their day; overheads leave
 * the GBP account every Friday in proportion to recent sales; foreign surpluses are swept to GBP on
 * the first of the month, and a foreign account about to be overdrawn is topped up from GBP.
 */
export class CashBook {
  private readonly balances = new Map<DemoCurrency, number>();
  private readonly movements = new Map<number, { currency: DemoCurrency; amountMinor: number }[]>();
  private readonly recentRevenueGbp: number[] = [];
  private todayRevenueGbp = 0;

  constructor(private readonly fx: FxWalk) {
    for (const account of DEMO_BANK_ACCOUNTS)
      this.balances.set(account.currency, account.openingBalanceMinor);
  }

  schedule(day: number, currency: DemoCurrency, amountMinor: number): void {
    const list = this.movements.get(day);
    if (list) list.push({ currency, amountMinor });
    else this.movements.set(day, [{ currency, amountMinor }]);
  }

  /** Sales of the day in GBP: overheads scale with the size of the business. */
  addRevenueGbp(minor: number): void {
    this.todayRevenueGbp += minor;
  }

  /** Applies the day's movements and returns each account's closing balance. */
  closeDay(day: number): BankBalanceRecord[] {
    for (const m of this.movements.get(day) ?? []) this.add(m.currency, m.amountMinor);
    this.movements.delete(day);

    this.recentRevenueGbp.push(this.todayRevenueGbp);
    this.todayRevenueGbp = 0;
    if (this.recentRevenueGbp.length > 28) this.recentRevenueGbp.shift();
    if (dayOfWeek(day) === 5) {
      const monthlyRevenue =
        (this.recentRevenueGbp.reduce((a, b) => a + b, 0) * 28) / this.recentRevenueGbp.length;
      this.add(
        'GBP',
        -Math.round((monthlyRevenue * OVERHEAD_SHARE_OF_REVENUE) / 4) - FIXED_WEEKLY_OVERHEAD_GBP_MINOR,
      );
    }

    for (const currency of ['EUR', 'USD'] as const) {
      const balance = this.balances.get(currency)!;
      if (balance < 0 || (dayOfMonth(day) === 1 && balance > 2 * FOREIGN_FLOAT_MINOR)) {
        // Convert between the accounts at today's rate so the foreign account ends at its float.
        const change = FOREIGN_FLOAT_MINOR - balance;
        this.add(currency, change);
        this.add('GBP', -this.fx.toGbp(change, currency));
      }
    }

    const asOf = fromEpochDay(day);
    return DEMO_BANK_ACCOUNTS.map((account) => ({
      source: 'demo',
      accountExternalId: account.externalId,
      asOf,
      balanceMinor: this.balances.get(account.currency)!,
      currency: account.currency,
    }));
  }

  private add(currency: DemoCurrency, minor: number): void {
    this.balances.set(currency, this.balances.get(currency)! + minor);
  }
}
