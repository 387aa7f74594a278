import type { DatabaseHandle } from '@sentia/db';
import { queryRows } from '@sentia/db';
import type { OrderRecord } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertChannels, upsertCustomers, upsertProducts } from './upsert-catalogue';
import { upsertOrders } from './upsert-orders';

/**
 * The behaviour of upsertOrders, run on PGlite (upsert-orders.test.ts) and on PostgreSQL
 * (upsert-orders.int.test.ts), where the lines of new orders take the COPY path.
 */
export function describeUpsertOrders(
  name: string,
  open: () => Promise<{ handle: DatabaseHandle; close(): Promise<void> }>,
): void {
  let handle: DatabaseHandle;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ handle, close } = await open());
    const { db } = handle;
    await upsertChannels(db, [
      {
        source: 'test',
        code: 'shopify-uk',
        name: 'Shopify UK',
        kind: 'shopify',
        regionCode: 'UK',
        currency: 'GBP',
        settlementDays: 3,
      },
    ]);
    await upsertCustomers(db, [
      { source: 'test', code: 'C1', name: 'Trade One', channelCode: 'shopify-uk', paymentTermsDays: 30 },
    ]);
    await upsertProducts(db, [product('GIN-70', 800), product('RUM-70', 900)]);
  });

  afterAll(async () => {
    await close();
  });

  beforeEach(async () => {
    await handle.db.execute(sql`delete from orders`);
  });

  function product(sku: string, unitCostMinor: number) {
    return {
      source: 'test',
      sku,
      name: sku,
      unitCostMinor,
      costCurrency: 'GBP',
      packSize: 6,
      moq: 6,
      leadTimeDays: 10,
      prices: [{ currency: 'GBP', priceMinor: 2500, validFrom: '2026-01-01' }],
    };
  }

  function order(externalId: string, overrides: Partial<OrderRecord> = {}): OrderRecord {
    return {
      source: 'shopify',
      externalId,
      channelCode: 'shopify-uk',
      orderDate: '2026-03-10',
      orderedAt: '2026-03-10T12:00:00Z',
      status: 'paid',
      currency: 'GBP',
      lines: [
        { lineKey: '1', sku: 'GIN-70', quantity: 2, unitPriceMinor: 2500, netAmountMinor: 5000 },
        {
          lineKey: '2',
          sku: 'RUM-70',
          quantity: 1,
          unitPriceMinor: 2500,
          discountMinor: 250,
          netAmountMinor: 2250,
        },
      ],
      ...overrides,
    };
  }

  async function counts() {
    const [row] = await queryRows<{ orders: number; lines: number; refunds: number }>(
      handle.db,
      sql`select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines,
               (select count(*) from refunds)::int as refunds`,
    );
    return row!;
  }

  describe(name, () => {
    it('writes orders with lines and refunds, and a second run changes nothing', async () => {
      const records = [
        order('1001', {
          refunds: [
            { externalId: 'r-1', refundedAt: '2026-03-12T09:00:00Z', amountMinor: 2250, reason: 'damaged' },
          ],
        }),
        order('1002', { customerCode: 'C1' }),
      ];
      const first = await upsertOrders(handle.db, records);
      expect(first).toEqual({ read: 2, written: 2, skipped: 0, rejected: 0, rejections: [] });
      const before = await counts();
      expect(before).toEqual({ orders: 2, lines: 4, refunds: 1 });
      const [stored] = await queryRows<{ total: string }>(
        handle.db,
        sql`select total_minor::text as total from orders where external_id = '1001'`,
      );
      expect(stored?.total).toBe('7250');

      const second = await upsertOrders(handle.db, records);
      expect(second.written).toBe(2);
      expect(await counts()).toEqual(before);
    });

    it('keeps the stored order when the incoming one was modified earlier at the source', async () => {
      await upsertOrders(handle.db, [
        order('2001', { status: 'shipped', sourceUpdatedAt: '2026-03-11T10:00:00Z' }),
      ]);
      const stale = await upsertOrders(handle.db, [
        order('2001', {
          status: 'paid',
          sourceUpdatedAt: '2026-03-10T10:00:00Z',
          lines: [{ lineKey: '1', sku: 'GIN-70', quantity: 9, unitPriceMinor: 2500, netAmountMinor: 22500 }],
        }),
      ]);
      expect(stale).toMatchObject({ read: 1, written: 0, skipped: 1, rejected: 0 });
      const [row] = await queryRows<{ status: string; lines: number }>(
        handle.db,
        sql`select o.status, (select count(*) from order_lines l where l.order_id = o.id)::int as lines
          from orders o where o.external_id = '2001'`,
      );
      expect(row).toEqual({ status: 'shipped', lines: 2 });

      const newer = await upsertOrders(handle.db, [
        order('2001', { status: 'refunded', sourceUpdatedAt: '2026-03-12T10:00:00+01:00' }),
      ]);
      expect(newer.written).toBe(1);
      const [after] = await queryRows<{ status: string }>(
        handle.db,
        sql`select status from orders where external_id = '2001'`,
      );
      expect(after?.status).toBe('refunded');
    });

    it('rejects bad records with their reasons and writes the rest', async () => {
      const result = await upsertOrders(handle.db, [
        order('3001'),
        order('3002', {
          lines: [{ lineKey: '1', sku: 'NOPE-1', quantity: 1, unitPriceMinor: 100, netAmountMinor: 100 }],
        }),
        order('3003', {
          lines: [{ lineKey: '1', sku: 'GIN-70', quantity: 0, unitPriceMinor: 100, netAmountMinor: 0 }],
        }),
        order('3004', { channelCode: 'amazon-mars' }),
      ]);
      expect(result).toMatchObject({ read: 4, written: 1, skipped: 0, rejected: 3 });
      expect(result.rejections).toEqual([
        { index: 1, key: 'shopify:3002', reason: 'unknown sku "NOPE-1"' },
        { index: 2, key: 'shopify:3003', reason: expect.stringContaining('lines.0.quantity') },
        { index: 3, key: 'shopify:3004', reason: 'unknown channel "amazon-mars"' },
      ]);
      expect(await counts()).toMatchObject({ orders: 1, lines: 2 });
    });

    it('writes nothing of a batch whose writing fails part-way', async () => {
      // A trigger that fails on one line makes the database refuse the batch after the orders were inserted.
      await handle.db.execute(sql`
      create or replace function refuse_boom_line() returns trigger language plpgsql as $$
      begin
        if new.line_key = 'boom' then raise exception 'line refused'; end if;
        return new;
      end $$`);
      await handle.db.execute(
        sql`create trigger refuse_boom before insert on order_lines for each row execute function refuse_boom_line()`,
      );
      try {
        const boom = order('4002', {
          lines: [{ lineKey: 'boom', sku: 'GIN-70', quantity: 1, unitPriceMinor: 100, netAmountMinor: 100 }],
        });
        await expect(upsertOrders(handle.db, [order('4001'), boom])).rejects.toThrow();
        expect(await counts()).toEqual({ orders: 0, lines: 0, refunds: 0 });
      } finally {
        await handle.db.execute(sql`drop trigger refuse_boom on order_lines`);
      }
    });

    it('removes lines and refunds the source no longer lists', async () => {
      await upsertOrders(handle.db, [
        order('5001', {
          refunds: [{ externalId: 'r-5', refundedAt: '2026-03-12T09:00:00Z', amountMinor: 100 }],
        }),
      ]);
      await upsertOrders(handle.db, [
        order('5001', {
          lines: [{ lineKey: '1', sku: 'GIN-70', quantity: 3, unitPriceMinor: 2500, netAmountMinor: 7500 }],
        }),
      ]);
      expect(await counts()).toEqual({ orders: 1, lines: 1, refunds: 0 });
      const [line] = await queryRows<{ quantity: number }>(handle.db, sql`select quantity from order_lines`);
      expect(line?.quantity).toBe(3);
    });

    it('keeps the latest of duplicate records within one batch', async () => {
      const result = await upsertOrders(handle.db, [
        order('6001', { status: 'shipped', sourceUpdatedAt: '2026-03-12T00:00:00Z' }),
        order('6001', { status: 'paid', sourceUpdatedAt: '2026-03-11T00:00:00Z' }),
      ]);
      expect(result).toMatchObject({ read: 2, written: 1, skipped: 1, rejected: 0 });
      const [row] = await queryRows<{ status: string }>(
        handle.db,
        sql`select status from orders where external_id = '6001'`,
      );
      expect(row?.status).toBe('shipped');
    });
  });
}
