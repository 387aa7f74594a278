import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../../test-support/database';
import { getOverview } from './get-overview';
import { describeOverviewBehaviour, seedOverviewFixture } from './overview-fixture';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createPgliteTestDatabase();
  await seedOverviewFixture(handle.db);
});
afterAll(async () => handle?.close());

describeOverviewBehaviour(() => handle.db);

describe('getOverview without data', () => {
  it('says which connection or import would supply each missing figure instead of showing numbers', async () => {
    const empty = await createPgliteTestDatabase();
    try {
      const overview = await getOverview(
        { db: empty.db },
        { from: '2026-03-01', to: '2026-03-31' },
        '2026-11-28',
      );
      for (const kpi of overview.kpis) {
        expect(kpi.value).toBeNull();
        expect(kpi.gap?.supplyBy.length).toBeGreaterThan(0);
      }
      expect(overview.trend).toEqual([]);
      expect(overview.kpis.find((k) => k.key === 'receivables')?.gap?.supplyBy[0]?.label).toBe(
        'Connect Xero',
      );
    } finally {
      await empty.close();
    }
  });
});
