import { randomUUID } from 'node:crypto';
import { queryRows } from '@sentia/db';
import type { XeroInvoice } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { buildHttpApp } from '../../../http-app';
import { allJobs } from '../../../jobs';
import { BullmqJobWorker } from '../../../platform/jobs/bullmq-queue';
import { connectRedis } from '../../../platform/redis';
import { createTestContext } from '../../../test-support/app-context';
import { createPostgresTestDatabase } from '../../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../../test-support/services';
import { setSandbox } from '../../sync/connector-state';
import { runSync } from '../../sync/run-sync';
import { xeroConnector } from './xero-connector';
import { ensureXeroSandbox, stopXeroSandboxes } from './xero-sandbox';
import { SANDBOX_XERO_TENANT } from './xero-settings';
import type { XeroSimulator } from './xero-simulator';

const DATASET = { seed: 20_240_917, endDate: '2025-06-30', days: 60 };

/**
 * Xero webhooks end to end, as in server mode: the sandbox Xero (simulator) posts signed deliveries
 * to the web process over HTTP; the web process records them and queues the work; a BullMQ worker
 * in another context fetches the changed invoices from the simulator and writes them.
 */
describeWithServices(
  { postgres: true, redis: true },
  'Xero webhooks (PostgreSQL, Redis, BullMQ worker)',
  () => {
    const prefix = `test-${randomUUID()}`;
    let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
    let web: ReturnType<typeof createTestContext>;
    let worker: ReturnType<typeof createTestContext>;
    let jobWorker: BullmqJobWorker<AppContext>;
    let workerConnection: ReturnType<typeof connectRedis>;
    let app: Awaited<ReturnType<typeof buildHttpApp>>;
    let url: string;
    let simulator: XeroSimulator;

    beforeAll(async () => {
      database = await createPostgresTestDatabase(testDatabaseUrl!, { poolMax: 8 });
      web = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix });
      worker = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix });
      workerConnection = connectRedis(testRedisUrl!, 'worker', 'sentia-test-worker');
      jobWorker = new BullmqJobWorker<AppContext>({
        connection: workerConnection,
        prefix,
        concurrency: 2,
        definitions: allJobs,
        ctx: worker.ctx,
        logger: worker.ctx.logger,
      });
      await jobWorker.start();
      await setSandbox(web.ctx.db, 'xero', { enabled: true, dataset: DATASET });
      simulator = await ensureXeroSandbox(web.ctx, DATASET);
      // The organisation's invoices are in the database, as after the first sync.
      const first = await runSync(web.ctx, {
        connector: xeroConnector,
        runId: randomUUID(),
        mode: 'full',
        trigger: 'manual',
      });
      expect(first.status).toBe('succeeded');
      app = await buildHttpApp(web.ctx, { serveWeb: false });
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      url = `${address}/api/webhooks/xero`;
    });

    afterAll(async () => {
      await app?.close();
      await jobWorker?.close();
      await workerConnection?.quit();
      await web?.close();
      await worker?.close();
      await stopXeroSandboxes();
      await database?.drop();
    });

    beforeEach(() => {
      simulator.server.log.length = 0;
    });

    const tenantId = SANDBOX_XERO_TENANT.tenantId;
    const receipts = () =>
      queryRows<{ delivery_id: string; status: string; topic: string }>(
        web.ctx.db,
        sql`select delivery_id, status, topic from webhook_receipts where provider = 'xero' order by received_at`,
      );
    const stored = async (id: string) =>
      (
        await queryRows<{ status: string; amount_due_minor: string; invoice_number: string | null }>(
          web.ctx.db,
          sql`select status, amount_due_minor::text, invoice_number from invoices where source = 'demo' and external_id = ${id}`,
        )
      )[0];
    async function processed(deliveryId: string) {
      for (let i = 0; i < 200; i++) {
        const rows = await receipts();
        const row = rows.find((r) => r.delivery_id === deliveryId);
        if (row && row.status !== 'received') return row;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`delivery ${deliveryId} was not processed`);
    }
    const openInvoice = (): XeroInvoice =>
      simulator.tenant(tenantId).invoices.find((i) => i.Status === 'AUTHORISED' && i.Type === 'ACCREC')!;

    it('answers the intent-to-receive check: 200 for the signed ping, 401 for the mis-signed one, empty bodies, nothing recorded', async () => {
      const before = (await receipts()).length;
      expect(await simulator.intentToReceive(url)).toEqual({ signed: 200, misSigned: 401, bodies: ['', ''] });
      expect(await receipts()).toHaveLength(before);
    });

    it('records a valid delivery at once and the worker brings the changed invoice in', async () => {
      const invoice = openInvoice();
      simulator.upsertInvoice(tenantId, {
        ...invoice,
        Status: 'PAID',
        AmountDue: 0,
        AmountPaid: invoice.Total,
        FullyPaidOnDate: '/Date(1751241600000+0000)/',
      });
      const started = Date.now();
      const response = await simulator.sendWebhook(
        url,
        [simulator.invoiceEvent(tenantId, invoice.InvoiceID)],
        {
          firstEventSequence: 101,
          lastEventSequence: 101,
        },
      );
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await processed('seq:101-101')).status).toBe('processed');
      expect(await stored(invoice.InvoiceID)).toMatchObject({ status: 'paid', amount_due_minor: '0' });
      const fetched = simulator.server.requests((r) => r.path.endsWith('/Invoices'));
      expect(fetched.map((r) => r.query.get('IDs'))).toEqual([invoice.InvoiceID]);
    });

    it('refuses a forged delivery with 401 and records nothing', async () => {
      const before = (await receipts()).length;
      const invoice = openInvoice();
      const forged = await simulator.sendWebhook(url, [simulator.invoiceEvent(tenantId, invoice.InvoiceID)], {
        firstEventSequence: 102,
        lastEventSequence: 102,
        signWith: 'not-the-webhook-key',
      });
      expect(forged.status).toBe(401);
      const unsigned = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(unsigned.status).toBe(401);
      expect(await receipts()).toHaveLength(before);
      expect(simulator.server.requests((r) => r.path.endsWith('/Invoices'))).toHaveLength(0);
    });

    it('acknowledges a repeated delivery and keeps one record of it, worked once', async () => {
      const invoice = openInvoice();
      const body = JSON.stringify({
        events: [simulator.invoiceEvent(tenantId, invoice.InvoiceID)],
        firstEventSequence: 103,
        lastEventSequence: 103,
        entropy: 'REPEATED',
      });
      const first = await simulator.sendWebhook(url, [], { body });
      await processed('seq:103-103');
      const again = await simulator.sendWebhook(url, [], { body });
      expect([first.status, again.status]).toEqual([200, 200]);
      expect((await receipts()).filter((r) => r.delivery_id === 'seq:103-103')).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(simulator.server.requests((r) => r.path.endsWith('/Invoices'))).toHaveLength(1);
    });

    it('handles deliveries out of order: whichever is worked last, the invoice ends in its current state', async () => {
      const invoice = simulator
        .tenant(tenantId)
        .invoices.filter((i) => i.Status === 'AUTHORISED' && i.Type === 'ACCREC')[1]!;
      // Two edits; Xero numbers their events 104 and 105, but 105 arrives first.
      simulator.upsertInvoice(
        tenantId,
        { ...invoice, InvoiceNumber: 'EDIT-1' },
        new Date(Date.now() - 1_000),
      );
      const older = simulator.invoiceEvent(
        tenantId,
        invoice.InvoiceID,
        'UPDATE',
        new Date(Date.now() - 1_000),
      );
      simulator.upsertInvoice(tenantId, { ...invoice, InvoiceNumber: 'EDIT-2', AmountDue: 1 });
      const newer = simulator.invoiceEvent(tenantId, invoice.InvoiceID);
      expect(
        (await simulator.sendWebhook(url, [newer], { firstEventSequence: 105, lastEventSequence: 105 }))
          .status,
      ).toBe(200);
      await processed('seq:105-105');
      expect(await stored(invoice.InvoiceID)).toMatchObject({
        invoice_number: 'EDIT-2',
        amount_due_minor: '100',
      });
      expect(
        (await simulator.sendWebhook(url, [older], { firstEventSequence: 104, lastEventSequence: 104 }))
          .status,
      ).toBe(200);
      expect((await processed('seq:104-104')).status).toBe('processed');
      expect(await stored(invoice.InvoiceID)).toMatchObject({
        invoice_number: 'EDIT-2',
        amount_due_minor: '100',
      });
      const [rows] = await queryRows<{ n: number }>(
        web.ctx.db,
        sql`select count(*)::int as n from invoices where external_id = ${invoice.InvoiceID}`,
      );
      expect(rows!.n).toBe(1);
    });

    it('ignores events of another organisation and of other kinds', async () => {
      const other = { ...simulator.invoiceEvent('someone-else', 'x'), tenantId: 'someone-else' };
      const contact = { ...simulator.invoiceEvent(tenantId, 'c-1'), eventCategory: 'CONTACT' };
      expect(
        (
          await simulator.sendWebhook(url, [other, contact], {
            firstEventSequence: 106,
            lastEventSequence: 107,
          })
        ).status,
      ).toBe(200);
      expect((await processed('seq:106-107')).status).toBe('processed');
      expect(simulator.server.requests((r) => r.path.endsWith('/Invoices'))).toHaveLength(0);
    });
  },
);
