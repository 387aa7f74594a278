import { describe, expect, it } from 'vitest';
import { fulfilmentLocations, receivingLocation } from './fulfilment-locations';

const locations = [
  { id: 1, code: 'DIST-UK', name: 'Distillery', kind: 'warehouse', regionCode: 'UK' },
  { id: 2, code: 'FBA-UK', name: 'FBA UK', kind: 'fba', regionCode: 'UK' },
  { id: 3, code: 'WH-EU', name: '3PL EU', kind: '3pl', regionCode: 'EU' },
  { id: 4, code: 'FBA-EU', name: 'FBA EU', kind: 'fba', regionCode: 'EU' },
];

describe('where channels ship from', () => {
  it('sends Amazon to FBA, others to the region’s warehouse or 3PL, the rest to the receiving location', () => {
    const channels = [
      { id: 10, code: 'amazon-uk', kind: 'amazon', regionCode: 'UK' },
      { id: 11, code: 'shopify-uk', kind: 'shopify', regionCode: 'UK' },
      { id: 12, code: 'shopify-eu', kind: 'shopify', regionCode: 'EU' },
      { id: 13, code: 'amazon-eu', kind: 'amazon', regionCode: 'EU' },
      { id: 14, code: 'shopify-us', kind: 'shopify', regionCode: 'US' },
      { id: 15, code: 'amazon-us', kind: 'amazon', regionCode: 'US' },
    ];
    expect(Object.fromEntries(fulfilmentLocations(channels, locations, 1))).toEqual({
      10: 2,
      11: 1,
      12: 3,
      13: 4,
      14: 1,
      15: 1,
    });
  });

  it('receives at the configured location, else the first own warehouse', () => {
    expect(receivingLocation(locations, null)?.code).toBe('DIST-UK');
    expect(receivingLocation(locations, 'WH-EU')?.code).toBe('WH-EU');
    expect(receivingLocation(locations, 'NOPE')?.code).toBe('DIST-UK');
    expect(receivingLocation([locations[1]!], null)?.code).toBe('FBA-UK');
    expect(receivingLocation([], null)).toBeNull();
  });
});
