import type { InventorySettingsView, UpdateInventorySettingsBody } from '@sentia/contracts';
import { parsePounds, poundsInput } from '../purchasing/approval-limits-model';

/** The inventory settings other than the service levels (those have their own control). */
export type PolicySettings = Omit<InventorySettingsView, 'serviceLevels'>;

/** What the form's inputs hold, as typed. */
export interface PolicySettingsText {
  /** Share of revenue of class A, %. */
  abcA: string;
  /** Share of revenue of class B after A, %; C is the rest. */
  abcB: string;
  xyzX: string;
  xyzY: string;
  abcWindowDays: string;
  /** Pounds per order. */
  orderingCost: string;
  /** % of unit cost a year. */
  holdingRate: string;
  reviewPeriodDays: string;
  /** A location code, or '' for the automatic choice. */
  receivingLocationCode: string;
}

export type PolicyField = keyof PolicySettingsText;
export type PolicyErrors = Partial<Record<PolicyField, string>>;
export type PolicyCheck = { settings: PolicySettings } | { errors: PolicyErrors };

/** The API's bound on the ordering cost (£1,000,000 in pence). */
const MAX_ORDERING_COST_MINOR = 100_000_000;

/** A fraction as the percentage an input shows, at most two decimals (0.8 → "80", 0.125 → "12.5"). */
function percentInput(fraction: number): string {
  return String(Math.round(fraction * 10_000) / 100);
}

/** The saved settings as the form's inputs. ABC thresholds are cumulative (0.80, 0.95): shown as shares. */
export function settingsText(settings: InventorySettingsView): PolicySettingsText {
  const a = Math.round(settings.abcThresholds.a * 10_000);
  const b = Math.round(settings.abcThresholds.b * 10_000);
  return {
    abcA: String(a / 100),
    abcB: String((b - a) / 100),
    xyzX: String(settings.xyzThresholds.x),
    xyzY: String(settings.xyzThresholds.y),
    abcWindowDays: String(settings.abcWindowDays),
    orderingCost: poundsInput(settings.orderingCostGbpMinor),
    holdingRate: percentInput(settings.holdingRate),
    reviewPeriodDays: String(settings.reviewPeriodDays),
    receivingLocationCode: settings.receivingLocationCode ?? '',
  };
}

/** A percentage typed ("12.5", "12,5 %") as hundredths of a percent, so sums stay exact. */
function parsePercent(text: string, min: number, max: number): { bp: number } | { error: string } {
  const trimmed = text.trim().replace(',', '.').replace(/\s*%$/, '');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return { error: 'Enter a percentage such as 25' };
  const bp = Math.round(Number(trimmed) * 100);
  if (bp < min * 100 || bp > max * 100) return { error: `Between ${min}% and ${max}%` };
  return { bp };
}

function parseDays(text: string, min: number, max: number): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return { error: 'Enter a whole number of days' };
  const value = Number(trimmed);
  if (value < min || value > max) return { error: `Between ${min} and ${max} days` };
  return { value };
}

/** A coefficient-of-variation threshold, above 0 and at most 10 (the API's bounds). */
function parseCv(text: string): { value: number } | { error: string } {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d{1,2}(\.\d{1,3})?$/.test(trimmed)) return { error: 'Enter a number such as 0.5' };
  const value = Number(trimmed);
  if (value <= 0 || value > 10) return { error: 'Above 0 and at most 10' };
  return { value };
}

/** Every input, checked as the API checks the body (bounds, A ≤ A + B ≤ 100 %, X ≤ Y). */
export function checkPolicySettings(text: PolicySettingsText): PolicyCheck {
  const errors: PolicyErrors = {};
  const abcA = parsePercent(text.abcA, 0, 100);
  const abcB = parsePercent(text.abcB, 0, 100);
  const xyzX = parseCv(text.xyzX);
  const xyzY = parseCv(text.xyzY);
  const window = parseDays(text.abcWindowDays, 28, 1096);
  const review = parseDays(text.reviewPeriodDays, 1, 365);
  const ordering = parsePounds(text.orderingCost);
  const holding = parsePercent(text.holdingRate, 0, 200);

  if ('error' in abcA) errors.abcA = abcA.error;
  else if (abcA.bp === 0) errors.abcA = 'Above 0%';
  if ('error' in abcB) errors.abcB = abcB.error;
  else if ('bp' in abcA && abcA.bp + abcB.bp > 10_000) errors.abcB = 'A and B together at most 100%';
  if ('error' in xyzX) errors.xyzX = xyzX.error;
  if ('error' in xyzY) errors.xyzY = xyzY.error;
  else if ('value' in xyzX && xyzX.value > xyzY.value) errors.xyzY = 'Must be at least the X threshold';
  if ('error' in window) errors.abcWindowDays = window.error;
  if ('error' in review) errors.reviewPeriodDays = review.error;
  if ('error' in ordering) errors.orderingCost = ordering.error;
  else if (ordering.minor > MAX_ORDERING_COST_MINOR) errors.orderingCost = 'At most £1,000,000';
  if ('error' in holding) errors.holdingRate = holding.error;

  if (
    Object.keys(errors).length > 0 ||
    !('bp' in abcA) ||
    !('bp' in abcB) ||
    !('value' in xyzX) ||
    !('value' in xyzY) ||
    !('value' in window) ||
    !('value' in review) ||
    !('minor' in ordering) ||
    !('bp' in holding)
  ) {
    return { errors };
  }
  return {
    settings: {
      abcThresholds: { a: abcA.bp / 10_000, b: (abcA.bp + abcB.bp) / 10_000 },
      xyzThresholds: { x: xyzX.value, y: xyzY.value },
      abcWindowDays: window.value,
      orderingCostGbpMinor: ordering.minor,
      holdingRate: holding.bp / 10_000,
      reviewPeriodDays: review.value,
      receivingLocationCode:
        text.receivingLocationCode.trim() === '' ? null : text.receivingLocationCode.trim(),
    },
  };
}

/**
 * The body to send: only the settings whose inputs now mean something else than the saved ones did when
 * shown (a value saved with more precision than the form shows is not rewritten unless it is edited).
 */
export function policyChange(
  saved: InventorySettingsView,
  next: PolicySettings,
): UpdateInventorySettingsBody {
  const shown = checkPolicySettings(settingsText(saved));
  const base: PolicySettings = 'settings' in shown ? shown.settings : saved;
  const change: UpdateInventorySettingsBody = {};
  if (base.abcThresholds.a !== next.abcThresholds.a || base.abcThresholds.b !== next.abcThresholds.b) {
    change.abcThresholds = next.abcThresholds;
  }
  if (base.xyzThresholds.x !== next.xyzThresholds.x || base.xyzThresholds.y !== next.xyzThresholds.y) {
    change.xyzThresholds = next.xyzThresholds;
  }
  if (base.abcWindowDays !== next.abcWindowDays) change.abcWindowDays = next.abcWindowDays;
  if (base.orderingCostGbpMinor !== next.orderingCostGbpMinor) {
    change.orderingCostGbpMinor = next.orderingCostGbpMinor;
  }
  if (base.holdingRate !== next.holdingRate) change.holdingRate = next.holdingRate;
  if (base.reviewPeriodDays !== next.reviewPeriodDays) change.reviewPeriodDays = next.reviewPeriodDays;
  if (base.receivingLocationCode !== next.receivingLocationCode) {
    change.receivingLocationCode = next.receivingLocationCode;
  }
  return change;
}

/** Which input an API field path (`fieldErrorsOf` keys, without `body.`) belongs to. */
const API_FIELDS: Record<string, PolicyField> = {
  abcThresholds: 'abcB',
  'abcThresholds.a': 'abcA',
  'abcThresholds.b': 'abcB',
  xyzThresholds: 'xyzY',
  'xyzThresholds.x': 'xyzX',
  'xyzThresholds.y': 'xyzY',
  abcWindowDays: 'abcWindowDays',
  orderingCostGbpMinor: 'orderingCost',
  holdingRate: 'holdingRate',
  reviewPeriodDays: 'reviewPeriodDays',
  receivingLocationCode: 'receivingLocationCode',
};

/** The API's per-field messages of a refused save, keyed by the input at fault (others are dropped). */
export function policyErrorsFromApi(fields: Record<string, string>): PolicyErrors {
  const errors: PolicyErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = API_FIELDS[path];
    if (field) errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  return errors;
}
