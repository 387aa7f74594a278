import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDistribution, countQuantile } from './discrete-demand';
import { orderableQuantity } from './order-quantity';
import { computePolicy } from './policy';
import { proposeReplenishment } from './replenishment';
import { safetyStockNormal } from './safety-stock';

const serviceLevel = fc.double({ min: 0.5, max: 0.9999, noNaN: true });
const nonNegative = (max: number) => fc.double({ min: 0, max, noNaN: true });

describe('safety stock properties', () => {
  it('grows with the service level', () => {
    fc.assert(
      fc.property(
        serviceLevel,
        serviceLevel,
        nonNegative(1e4),
        nonNegative(1e3),
        nonNegative(50),
        nonNegative(10),
        (a, b, d, sd, l, sl) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const input = { demandMean: d, demandSd: sd, leadTime: l, leadTimeSd: sl };
          expect(safetyStockNormal(low, input)).toBeLessThanOrEqual(safetyStockNormal(high, input) + 1e-9);
        },
      ),
    );
  });

  it('grows with demand and lead-time deviation', () => {
    fc.assert(
      fc.property(
        serviceLevel,
        nonNegative(1e4),
        nonNegative(1e3),
        nonNegative(1e3),
        nonNegative(50),
        nonNegative(10),
        nonNegative(10),
        (p, d, sd1, sd2, l, sl1, sl2) => {
          const smaller = {
            demandMean: d,
            demandSd: Math.min(sd1, sd2),
            leadTime: l,
            leadTimeSd: Math.min(sl1, sl2),
          };
          const larger = {
            demandMean: d,
            demandSd: Math.max(sd1, sd2),
            leadTime: l,
            leadTimeSd: Math.max(sl1, sl2),
          };
          expect(safetyStockNormal(p, smaller)).toBeLessThanOrEqual(safetyStockNormal(p, larger) + 1e-9);
        },
      ),
    );
  });

  it('count quantiles of intermittent demand grow with the service level', () => {
    fc.assert(
      fc.property(serviceLevel, serviceLevel, nonNegative(200), nonNegative(3), (a, b, mean, extra) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const d = countDistribution(mean, mean * (1 + extra));
        expect(countQuantile(d, low)).toBeLessThanOrEqual(countQuantile(d, high));
      }),
    );
  });

  it('a whole policy buffers more at a higher service level, for either method', () => {
    fc.assert(
      fc.property(
        serviceLevel,
        serviceLevel,
        nonNegative(500),
        nonNegative(200),
        fc.constantFrom('normal' as const, 'count' as const),
        fc.integer({ min: 0, max: 120 }),
        (a, b, d, sd, method, lead) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const input = {
            weeklyForecast: [d, d, d, d],
            demandSdPerWeek: sd,
            method,
            leadTimeMeanDays: lead,
            leadTimeSdDays: lead / 10,
            unitCostGbpMinor: 1000,
            moq: 1,
            packSize: 1,
          };
          const parameters = { orderingCostGbpMinor: 10_000, holdingRate: 0.25, reviewPeriodDays: 7 };
          const lower = computePolicy(input, { ...parameters, serviceLevel: low });
          const higher = computePolicy(input, { ...parameters, serviceLevel: high });
          expect(lower.safetyStock).toBeLessThanOrEqual(higher.safetyStock + 1e-9);
          expect(lower.reorderPoint).toBeLessThanOrEqual(higher.reorderPoint + 1e-9);
        },
      ),
    );
  });
});

describe('order quantity properties', () => {
  const constraints = fc.record({
    need: fc.double({ min: -100, max: 1e6, noNaN: true }),
    moq: fc.integer({ min: 1, max: 5000 }),
    pack: fc.integer({ min: 1, max: 48 }),
  });

  it('is zero or at least the MOQ and the need, in whole packs, less than one pack over', () => {
    fc.assert(
      fc.property(constraints, ({ need, moq, pack }) => {
        const q = orderableQuantity(need, moq, pack);
        if (need <= 0) {
          expect(q).toBe(0);
          return;
        }
        expect(q).toBeGreaterThanOrEqual(moq);
        expect(q).toBeGreaterThanOrEqual(need);
        expect(q % pack).toBe(0);
        expect(q).toBeLessThan(Math.max(need, moq) + pack);
      }),
    );
  });

  it('proposals are never below the MOQ and always whole packs', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.integer({ min: 0, max: 1e5 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 48 }),
        (position, reorderPoint, orderQuantity, moq, packSize) => {
          const proposal = proposeReplenishment({
            position,
            reorderPoint,
            orderQuantity,
            moq,
            packSize,
            stockOutDate: null,
            latestArrival: '2026-01-01',
          });
          if (proposal === null) return;
          expect(proposal.quantity).toBeGreaterThanOrEqual(moq);
          expect(proposal.quantity % packSize).toBe(0);
          expect(position + proposal.quantity).toBeGreaterThan(reorderPoint);
        },
      ),
    );
  });
});
