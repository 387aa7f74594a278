import type { InventorySettingsView } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import {
  checkPolicySettings,
  type PolicySettingsText,
  policyChange,
  policyErrorsFromApi,
  settingsText,
} from './policy-settings-model';

const defaults: InventorySettingsView = {
  serviceLevels: { A: 0.99, B: 0.98, C: 0.95 },
  abcThresholds: { a: 0.8, b: 0.95 },
  xyzThresholds: { x: 0.5, y: 1 },
  abcWindowDays: 365,
  orderingCostGbpMinor: 15_000,
  holdingRate: 0.25,
  reviewPeriodDays: 7,
  receivingLocationCode: null,
};
const typed = (change: Partial<PolicySettingsText>) => ({ ...settingsText(defaults), ...change });

describe('policy settings form', () => {
  it('shows the saved settings as typed: ABC as shares (80/15, C the rest), money in pounds, rates in %', () => {
    expect(settingsText(defaults)).toEqual({
      abcA: '80',
      abcB: '15',
      xyzX: '0.5',
      xyzY: '1',
      abcWindowDays: '365',
      orderingCost: '150',
      holdingRate: '25',
      reviewPeriodDays: '7',
      receivingLocationCode: '',
    });
    const { serviceLevels, ...policy } = defaults;
    expect(serviceLevels.A).toBe(0.99);
    expect(checkPolicySettings(settingsText(defaults))).toEqual({ settings: policy });
  });

  it('reads what was typed exactly: cumulative ABC thresholds, pence, a holding rate fraction', () => {
    const check = checkPolicySettings(
      typed({
        abcA: '70',
        abcB: '20.5',
        orderingCost: '£1,234.56',
        holdingRate: '18.5 %',
        receivingLocationCode: 'UK-WH',
      }),
    );
    expect(check).toHaveProperty('settings');
    if (!('settings' in check)) return;
    expect(check.settings.abcThresholds).toEqual({ a: 0.7, b: 0.905 });
    expect(check.settings.orderingCostGbpMinor).toBe(123_456);
    expect(check.settings.holdingRate).toBe(0.185);
    expect(check.settings.receivingLocationCode).toBe('UK-WH');
  });

  it('says beside each field what the API would refuse', () => {
    const check = checkPolicySettings(
      typed({
        abcA: '0',
        xyzX: '1.5',
        xyzY: '1',
        abcWindowDays: '7',
        orderingCost: '2000000',
        holdingRate: '250',
        reviewPeriodDays: '1.5',
      }),
    );
    expect(check).toEqual({
      errors: {
        abcA: 'Above 0%',
        xyzY: 'Must be at least the X threshold',
        abcWindowDays: 'Between 28 and 1096 days',
        orderingCost: 'At most £1,000,000',
        holdingRate: 'Between 0% and 200%',
        reviewPeriodDays: 'Enter a whole number of days',
      },
    });
    expect(checkPolicySettings(typed({ abcA: '90', abcB: '15' }))).toEqual({
      errors: { abcB: 'A and B together at most 100%' },
    });
    expect(checkPolicySettings(typed({ orderingCost: 'lots', xyzX: '0' }))).toEqual({
      errors: { orderingCost: 'Enter an amount in pounds, such as 50000', xyzX: 'Above 0 and at most 10' },
    });
  });

  it('sends only what changed, and nothing for an untouched value saved more precisely than shown', () => {
    const check = checkPolicySettings(typed({ holdingRate: '30' }));
    if (!('settings' in check)) throw new Error('valid');
    expect(policyChange(defaults, check.settings)).toEqual({ holdingRate: 0.3 });
    const precise = { ...defaults, holdingRate: 0.123456 };
    const same = checkPolicySettings(settingsText(precise));
    if (!('settings' in same)) throw new Error('valid');
    expect(policyChange(precise, same.settings)).toEqual({});
    const abc = checkPolicySettings(typed({ abcB: '10', receivingLocationCode: 'FBA-UK' }));
    if (!('settings' in abc)) throw new Error('valid');
    expect(policyChange(defaults, abc.settings)).toEqual({
      abcThresholds: { a: 0.8, b: 0.9 },
      receivingLocationCode: 'FBA-UK',
    });
  });

  it('puts the API’s field messages beside the input at fault', () => {
    expect(
      policyErrorsFromApi({
        'abcThresholds.b': 'a must not exceed b',
        holdingRate: 'Too big',
        orderingCostGbpMinor: 'Too big',
        receivingLocationCode: 'No location has this code',
        serviceLevels: 'not here',
      }),
    ).toEqual({
      abcB: 'a must not exceed b',
      holdingRate: 'Too big',
      orderingCost: 'Too big',
      receivingLocationCode: 'No location has this code',
    });
  });
});
