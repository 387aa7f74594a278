import { queryRows } from '@sentia/db';
import { formatDotNetDate, parseDotNetDate } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { createTestContext } from '../../../test-support/app-context';
import { createPostgresTestDatabase } from '../../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../../test-support/services';
import type { XeroSimulator } from './xero-simulator';
import {
  connectorFor,
  connectTestXero,
  startTestXero,
  sync,
  TEST_PAGE_SIZE,
  TEST_TENANT,
} from './xero-test-kit';

describeWithServices(
  { postgres: true, redis: true },
  'Xero sync against the simulator (PostgreSQL, Redis)',
  () => {
    let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
    let testContext: ReturnType<typeof createTestContext>;
    let ctx: AppContext;
    let simulator: XeroSimulator;

    beforeAll(async () => {
      simulator = await startTestXero({ limits: { minute: 10_000, day: 1_000_000 } });
    });
    afterAll(async () => {
      await simulator?.stop();
    });
    beforeEach(async () => {
      database = await createPostgresTestDatabase(testDatabaseUrl!);
      testContext = createTestContext(database.handle, {
        redisUrl: testRedisUrl!,
        bullmqPrefix: `xero-${Date.now()}`,
      });
      ctx = testContext.ctx;
      await connectTestXero(ctx, simulator);
      simulator.server.clearFaults();
      simulator.server.log.length = 0;
    });
    afterEach(async () => {
      await testContext.close();
      await database.drop();
    });

    const tenant = () => simulator.tenant(TEST_TENANT.tenantId);
    const invoiceRequests = () => simulator.server.requests((r) => r.path.endsWith('/Invoices'));
    const counts = async () => {
      const [row] = await queryRows<{
        invoices: number;
        payments: number;
        balances: number;
        accounts: number;
      }>(
        ctx.db,
        sql`select (select count(*)::int from invoices where source = 'xero') as invoices,
                 (select count(*)::int from payments where source = 'xero') as payments,
                 (select count(*)::int from bank_balances where source = 'xero') as balances,
                 (select count(*)::int from bank_accounts where source = 'xero') as accounts`,
      );
      return row!;
    };

    it('reads invoices, payments and bank balances page by page, in modification order', async () => {
      const result = await sync(ctx, connectorFor(simulator), 'full');
      expect(result.status).toBe('succeeded');
      expect(tenant().invoices.length).toBeGreaterThan(3 * TEST_PAGE_SIZE);
      expect(await counts()).toEqual({
        invoices: tenant().invoices.length,
        payments: tenant().payments.length,
        balances: tenant().bankAccounts.length,
        accounts: tenant().bankAccounts.length,
      });
      // Keyset pages: the first without If-Modified-Since, the next ones from the newest modification seen.
      const requests = invoiceRequests();
      expect(requests.length).toBeGreaterThan(3);
      expect(requests[0]!.headers['if-modified-since']).toBeUndefined();
      expect(requests.every((r) => r.query.get('order') === 'UpdatedDateUTC ASC')).toBe(true);
      expect(requests.every((r) => r.headers['xero-tenant-id'] === TEST_TENANT.tenantId)).toBe(true);
      const since = requests.slice(1).map((r) => Date.parse(`${r.headers['if-modified-since']}Z`));
      expect(since.every((s, i) => i === 0 || s >= since[i - 1]!)).toBe(true);
      // Amounts exact, receivables and payables both there, linked to no catalogue rows (empty database).
      const [kinds] = await queryRows<{ receivable: number; payable: number; due: string }>(
        ctx.db,
        sql`select count(*) filter (where type = 'receivable')::int as receivable,
                 count(*) filter (where type = 'payable')::int as payable,
                 sum(amount_due_minor)::text as due
          from invoices where source = 'xero'`,
      );
      const expectedDue = tenant().invoices.reduce(
        (sum, i) =>
          sum + (i.Status === 'AUTHORISED' || i.Status === 'DRAFT' ? Math.round(i.AmountDue * 100) : 0),
        0,
      );
      expect(kinds!.receivable).toBeGreaterThan(0);
      expect(kinds!.payable).toBeGreaterThan(0);
      expect(Number(kinds!.due)).toBe(expectedDue);
    });

    it('picks up only what changed on an incremental sync (If-Modified-Since from the last pass)', async () => {
      const connector = connectorFor(simulator);
      await sync(ctx, connector, 'full');
      const open = tenant().invoices.find((i) => i.Status === 'AUTHORISED')!;
      const newestBefore = Math.max(
        ...tenant().invoices.map((i) => parseDotNetDate(i.UpdatedDateUTC)!.getTime()),
      );
      simulator.upsertInvoice(TEST_TENANT.tenantId, {
        ...open,
        Status: 'PAID',
        AmountDue: 0,
        AmountPaid: open.Total,
        FullyPaidOnDate: formatDotNetDate(new Date(), true),
      });
      simulator.server.log.length = 0;
      const result = await sync(ctx, connector, 'incremental');
      expect(result.status).toBe('succeeded');
      // The pass starts one second before the newest modification the last pass saw.
      const first = invoiceRequests()[0]!;
      expect(Date.parse(`${first.headers['if-modified-since']}Z`)).toBe(
        Math.floor(newestBefore / 1000) * 1000 - 1000,
      );
      const reRead = tenant().invoices.filter(
        (i) =>
          Math.floor(parseDotNetDate(i.UpdatedDateUTC)!.getTime() / 1000) * 1000 >=
          Math.floor(newestBefore / 1000) * 1000 - 1000,
      );
      const [run] = await queryRows<{ detail: { entities: Record<string, { read: number }> } }>(
        ctx.db,
        sql`select detail from sync_runs where id = ${result.runId}`,
      );
      expect(run!.detail.entities.invoice!.read).toBe(reRead.length);
      expect(reRead.length).toBeLessThan(tenant().invoices.length / 2);
      const [paid] = await queryRows<{ status: string; amount_due_minor: string }>(
        ctx.db,
        sql`select status, amount_due_minor::text from invoices where source = 'xero' and external_id = ${open.InvoiceID}`,
      );
      expect(paid).toEqual({ status: 'paid', amount_due_minor: '0' });
    });

    it('pages within one second when a whole page shares it (a bulk edit), and reads every record', async () => {
      const connector = connectorFor(simulator);
      await sync(ctx, connector, 'full');
      const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 500);
      const edited = tenant().invoices.slice(0, 25);
      for (const invoice of edited)
        simulator.upsertInvoice(TEST_TENANT.tenantId, { ...invoice, Reference: 'bulk' }, at);
      simulator.server.log.length = 0;
      await sync(ctx, connector, 'incremental');
      const pages = invoiceRequests().map((r) => `${r.headers['if-modified-since']}#${r.query.get('page')}`);
      const bulkSecond = new Date(Math.floor(at.getTime() / 1000) * 1000 - 1000).toISOString().slice(0, 19);
      expect(pages).toContain(`${bulkSecond}#2`);
      expect(pages).toContain(`${bulkSecond}#3`);
      const [stored] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from invoices where source = 'xero' and source_updated_at = ${at.toISOString()}`,
      );
      expect(stored!.n).toBe(edited.length);
    });

    it('resumes after a crash mid-sync with the request that was lost: no duplicates, no gaps', async () => {
      let seen = 0;
      simulator.server.inject(
        { kind: 'drop' },
        { times: 100, match: (r) => r.path.endsWith('/Invoices') && ++seen >= 3 },
      );
      const crashed = await sync(ctx, connectorFor(simulator), 'full').catch((e: unknown) => e);
      expect(crashed).toBeInstanceOf(Error);
      await ctx.db.execute(
        sql`update sync_runs set status = 'running', finished_at = null, heartbeat_at = now() - interval '10 minutes'`,
      );
      const [stored] = await queryRows<{ cursor: string }>(
        ctx.db,
        sql`select cursor from sync_cursors where connector = 'xero' and scope = 'invoices'`,
      );
      const cursor = JSON.parse(stored!.cursor) as { ims: string; page: number; done: boolean };
      expect(cursor.done).toBe(false);
      const lost = simulator.server.requests((r) => r.path.endsWith('/Invoices') && r.status === 0)[0]!;
      expect(cursor.ims).toBe(lost.headers['if-modified-since']);

      simulator.server.clearFaults();
      simulator.server.log.length = 0;
      const resumed = await sync(ctx, connectorFor(simulator), 'incremental');
      expect(resumed.status === 'succeeded' && resumed.resumedFrom).toBeTruthy();
      const first = invoiceRequests()[0]!;
      expect([first.headers['if-modified-since'], first.query.get('page')]).toEqual([
        lost.headers['if-modified-since'],
        lost.query.get('page'),
      ]);
      expect((await counts()).invoices).toBe(tenant().invoices.length);
      const [dupes] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from (select 1 from invoices group by source, external_id having count(*) > 1) d`,
      );
      expect(dupes!.n).toBe(0);
    });

    it('rides out a 5xx and a minute-limit 429 with Retry-After within a run', async () => {
      simulator.server.inject(
        { kind: 'status', status: 500 },
        { times: 2, match: (r) => r.path.endsWith('/Payments') },
      );
      simulator.server.inject(
        { kind: 'status', status: 429, headers: { 'retry-after': '1', 'x-rate-limit-problem': 'minute' } },
        { times: 1, match: (r) => r.path.endsWith('/BalanceSheet') },
      );
      const result = await sync(ctx, connectorFor(simulator), 'full');
      expect(result.status).toBe('succeeded');
      expect(
        simulator.server
          .requests((r) => r.path.endsWith('/Payments'))
          .map((r) => r.status)
          .slice(0, 3),
      ).toEqual([500, 500, 200]);
      const report = simulator.server.requests((r) => r.path.endsWith('/BalanceSheet'));
      expect(report.map((r) => r.status)).toEqual([429, 200]);
      expect(report[1]!.at - report[0]!.at).toBeGreaterThanOrEqual(950);
      expect((await counts()).balances).toBe(tenant().bankAccounts.length);
    });

    it('refreshes an access token that expired during the run and carries on', async () => {
      simulator.auth.expireAccessTokens();
      const result = await sync(ctx, connectorFor(simulator), 'full');
      expect(result.status).toBe('succeeded');
      expect(simulator.server.requests((r) => r.status === 401)).toHaveLength(1);
      expect(simulator.server.requests((r) => r.path === '/connect/token')).toHaveLength(1);
    });
  },
);
