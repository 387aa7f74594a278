import { describe, expect, it } from 'vitest';
import { describeChange } from './change';

describe('describeChange', () => {
  it('gives relative change for money and units with words for screen readers', () => {
    expect(describeChange(112_300, 100_000, 'money', 'en-GB')).toEqual({
      direction: 'up',
      text: '+12.3%',
      accessibleText: 'Up 12.3% on the previous period',
    });
    expect(describeChange(90, 100, 'units', 'en-GB').text).toBe('−10.0%');
  });

  it('gives percentage points for percent measures', () => {
    const change = describeChange(0.42, 0.4, 'percent', 'en-GB');
    expect(change.text).toBe('+2.0 pp');
    expect(change.accessibleText).toBe('Up 2.0 percentage points on the previous period');
  });

  it('never invents a change without both values', () => {
    expect(describeChange(null, 100, 'money', 'en-GB').direction).toBe('none');
    expect(describeChange(100, null, 'money', 'en-GB').text).toBe('No previous-period data');
    expect(describeChange(100, 0, 'money', 'en-GB').text).toBe('Previous period was zero');
  });

  it('calls tiny changes flat so the arrow never contradicts the text', () => {
    expect(describeChange(100_001, 100_000, 'money', 'en-GB').direction).toBe('flat');
    expect(describeChange(0, 0, 'units', 'en-GB').direction).toBe('flat');
  });

  it('measures change against the size of a negative previous value', () => {
    expect(describeChange(-50, -100, 'money', 'en-GB').text).toBe('+50.0%');
  });
});
