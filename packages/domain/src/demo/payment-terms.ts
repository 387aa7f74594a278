import type { InvoicePlan } from './invoicing';
import type { Rng } from './prng';

/** Bills and trade invoices now and then go into dispute and are paid months late. */
const DISPUTE_RATE = { receivable: 0.05, payable: 0.02 } as const;
/** Some trade customers pay part of an invoice first. */
const PART_PAYMENT_RATE = 0.12;

/**
 * When an invoice issued on `issueDay` with `termsDays` gets paid, for a counterparty that pays
 * `delay[0]` days after the due date on average (spread `delay[1]`). Never before a few days
 * after issue.
 */
export function planPayment(
  rng: Rng,
  type: InvoicePlan['type'],
  issueDay: number,
  termsDays: number,
  delay: readonly [number, number],
  amountMinor: number,
): Pick<InvoicePlan, 'dueDay' | 'payDay' | 'partial'> {
  const dueDay = issueDay + termsDays;
  let payDay = Math.max(issueDay + 3, dueDay + Math.round(rng.normal(delay[0], delay[1])));
  if (rng.chance(DISPUTE_RATE[type])) payDay += rng.int(45, 150);
  let partial: InvoicePlan['partial'];
  if (type === 'receivable' && rng.chance(PART_PAYMENT_RATE)) {
    const day = Math.min(payDay - 1, dueDay + rng.int(0, 5));
    if (day > issueDay) partial = { day, amountMinor: Math.round(amountMinor * (0.3 + 0.4 * rng.next())) };
  }
  return { dueDay, payDay, ...(partial ? { partial } : {}) };
}
