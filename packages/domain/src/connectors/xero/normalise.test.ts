import { describe, expect, it } from 'vitest';
import { bankBalanceRecordSchema, invoiceRecordSchema, paymentRecordSchema } from '../../records/index';
import { normaliseXeroBankBalances, reportAmountToMinor, summariseXeroBalanceSheet } from './balance-sheet';
import { normaliseXeroInvoices, normaliseXeroPayments, xeroInvoiceStatus } from './normalise-invoices';
import { changedInvoiceIds, parseXeroWebhookPayload, xeroDeliveryId } from './webhook-payload';
import type { XeroInvoicesResponse, XeroPaymentsResponse, XeroReportsResponse } from './xero-types';

/** integration-contracts.md §4.4, as raw JSON with escaped slashes. */
const INVOICES_JSON = String.raw`{"Id":"900c500b-e83c-4ce2-902a-b8ba04751748","Status":"OK","ProviderName":"Dashboard",
 "DateTimeUTC":"\/Date(1552326816230)\/",
 "pagination":{"page":1,"pageSize":100,"pageCount":3,"itemCount":245},
 "Invoices":[{
   "Type":"ACCREC","InvoiceID":"d4956132-ed94-4dd7-9eaa-aa22dfdf06f2","InvoiceNumber":"INV-0001",
   "Reference":"PO 4471","Status":"AUTHORISED",
   "Contact":{"ContactID":"a3675fc4-f8dd-4f03-ba5b-f1870566bcd7","Name":"Acme Retail"},
   "Date":"\/Date(1539993600000+0000)\/","DateString":"2018-10-20T00:00:00",
   "DueDate":"\/Date(1546128000000+0000)\/","DueDateString":"2018-12-30T00:00:00",
   "LineAmountTypes":"Exclusive","CurrencyCode":"NZD","CurrencyRate":1.0,
   "SubTotal":40.0,"TotalTax":6.0,"Total":46.0,
   "AmountDue":46.0,"AmountPaid":0.0,"AmountCredited":0.0,
   "FullyPaidOnDate":null,"UpdatedDateUTC":"\/Date(1541176290160+0000)\/",
   "LineItems":[{"ItemCode":"WIDGET-RED-L","Description":"Widget","Quantity":2.0,
                 "UnitAmount":20.0,"LineAmount":40.0,"AccountCode":"200"}]}]}`;

/** §4.5. */
const PAYMENTS_JSON = String.raw`{"pagination":{"page":1,"pageSize":100,"pageCount":1,"itemCount":1},
 "Payments":[{"PaymentID":"99ea7f6b-c513-4066-bc27-b7c65dcd76c2",
   "Date":"\/Date(1543449600000+0000)\/","Amount":46.0,"BankAmount":46.0,"CurrencyRate":1.0,
   "PaymentType":"ACCRECPAYMENT","Status":"AUTHORISED","IsReconciled":false,"Reference":"",
   "UpdatedDateUTC":"\/Date(1541176592690+0000)\/",
   "Account":{"AccountID":"5690f1e8-1d02-4893-90c2-ee1a69eff942","Code":"970"},
   "Invoice":{"InvoiceID":"046d8a6d-1ae1-4b4d-9340-5601bdf41b87","InvoiceNumber":"INV-0002",
              "Type":"ACCREC","CurrencyCode":"NZD",
              "Contact":{"ContactID":"a3675fc4-f8dd-4f03-ba5b-f1870566bcd7","Name":"Acme Retail"}}}]}`;

/** §4.7, with a current-assets and liabilities section added as Xero's standard layout has them. */
const BALANCE_SHEET_JSON = String.raw`{"Id":"2ddba304-6ed3-4da4-b185-3b6289699653","Status":"OK","DateTimeUTC":"\/Date(1555099412778)\/",
 "Reports":[{"ReportName":"Balance Sheet","ReportType":"BalanceSheet",
   "ReportTitles":["Balance Sheet","Acme Manufacturing Ltd","As at 30 April 2019"],
   "ReportDate":"12 April 2019","UpdatedDateUTC":"\/Date(1555099412778)\/","Fields":[],
   "Rows":[
     {"RowType":"Header","Cells":[{"Value":""},{"Value":"30 Apr 2019"}]},
     {"RowType":"Section","Title":"Assets","Rows":[]},
     {"RowType":"Section","Title":"Bank","Rows":[
        {"RowType":"Row","Cells":[
          {"Value":"Business Bank","Attributes":[{"Id":"account","Value":"300f3bde-3a5c-4035-9ec5-45b09777679a"}]},
          {"Value":"2146.37","Attributes":[{"Id":"account","Value":"300f3bde-3a5c-4035-9ec5-45b09777679a"}]}]},
        {"RowType":"Row","Cells":[
          {"Value":"Overdraft","Attributes":[{"Id":"account","Value":"11111111-3a5c-4035-9ec5-45b09777679a"}]},
          {"Value":"-146.37","Attributes":[{"Id":"account","Value":"11111111-3a5c-4035-9ec5-45b09777679a"}]}]},
        {"RowType":"SummaryRow","Cells":[{"Value":"Total Bank"},{"Value":"2000.00"}]}]},
     {"RowType":"Section","Title":"Current Assets","Rows":[
        {"RowType":"Row","Cells":[{"Value":"Accounts Receivable"},{"Value":"5000.00"}]},
        {"RowType":"Row","Cells":[{"Value":"Inventory"},{"Value":"3000.00"}]},
        {"RowType":"SummaryRow","Cells":[{"Value":"Total Current Assets"},{"Value":"8000.00"}]}]},
     {"RowType":"Section","Title":"Liabilities","Rows":[]},
     {"RowType":"Section","Title":"Current Liabilities","Rows":[
        {"RowType":"Row","Cells":[{"Value":"Accounts Payable"},{"Value":"4000.00"}]},
        {"RowType":"SummaryRow","Cells":[{"Value":"Total Current Liabilities"},{"Value":"4000.00"}]}]}]}]}`;

describe('Xero invoices', () => {
  it('normalises the contract example: ACCREC → receivable, dates exact, money exact', () => {
    const page = JSON.parse(INVOICES_JSON) as XeroInvoicesResponse;
    const { records, rejections, skipped } = normaliseXeroInvoices(page.Invoices, { source: 'xero' });
    expect({ rejections, skipped }).toEqual({ rejections: [], skipped: [] });
    expect(records).toEqual([
      {
        source: 'xero',
        externalId: 'd4956132-ed94-4dd7-9eaa-aa22dfdf06f2',
        type: 'receivable',
        invoiceNumber: 'INV-0001',
        contactName: 'Acme Retail',
        issueDate: '2018-10-20',
        dueDate: '2018-12-30',
        status: 'authorised',
        currency: 'NZD',
        amountMinor: 4600,
        amountDueMinor: 4600,
        sourceUpdatedAt: '2018-11-02T16:31:30.160Z',
      },
    ]);
    expect(invoiceRecordSchema.safeParse(records[0]).success).toBe(true);
  });

  it('links known contacts, maps bills, paid and voided invoices', () => {
    const base = (JSON.parse(INVOICES_JSON) as XeroInvoicesResponse).Invoices[0]!;
    const paid = {
      ...base,
      InvoiceID: 'i-paid',
      Status: 'PAID',
      AmountDue: 0,
      AmountPaid: 46,
      FullyPaidOnDate: '/Date(1543449600000+0000)/',
      Contact: { ContactID: 'c1', Name: 'Goodies Ltd', AccountNumber: 'TRADE-01' },
    };
    const bill = {
      ...base,
      InvoiceID: 'i-bill',
      Type: 'ACCPAY',
      InvoiceNumber: '',
      Total: 1234.565,
      AmountDue: 1000.005,
      Contact: { ContactID: 'c2', Name: 'Northern Glass' },
    };
    const voided = { ...base, InvoiceID: 'i-void', Status: 'VOIDED' };
    const { records, rejections } = normaliseXeroInvoices([paid, bill, voided], {
      source: 'xero',
      customerFor: (c) =>
        c.AccountNumber === 'TRADE-01' ? { code: 'TRADE-01', channelCode: 'wholesale-uk' } : undefined,
      supplierFor: (c) => (c.Name === 'Northern Glass' ? 'SUP-GLASS' : undefined),
    });
    expect(rejections).toEqual([]);
    expect(records[0]).toMatchObject({
      type: 'receivable',
      status: 'paid',
      customerCode: 'TRADE-01',
      channelCode: 'wholesale-uk',
      amountDueMinor: 0,
      paidDate: '2018-11-29',
    });
    expect(records[1]).toMatchObject({
      type: 'payable',
      supplierCode: 'SUP-GLASS',
      amountMinor: 123457,
      amountDueMinor: 100001,
    });
    expect(records[1]!.invoiceNumber).toBeUndefined();
    expect(records[2]).toMatchObject({ status: 'voided', amountDueMinor: 0 });
    for (const r of records) expect(invoiceRecordSchema.safeParse(r).success).toBe(true);
  });

  it('maps every documented status, skips other types and rejects what it cannot read', () => {
    expect(
      ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED', 'ODD'].map(xeroInvoiceStatus),
    ).toEqual(['draft', 'draft', 'authorised', 'paid', 'voided', 'voided', undefined]);
    const base = (JSON.parse(INVOICES_JSON) as XeroInvoicesResponse).Invoices[0]!;
    const out = normaliseXeroInvoices(
      [
        { ...base, InvoiceID: 'a', Type: 'ACCRECCREDIT' },
        { ...base, InvoiceID: 'b', Status: 'PAID', FullyPaidOnDate: null },
        { ...base, InvoiceID: 'c', Date: 'soon' },
        { ...base, InvoiceID: 'd', Status: 'DRAFT', DueDate: null },
      ],
      { source: 'xero' },
    );
    expect(out.skipped.map((s) => s.key)).toEqual(['xero:a']);
    expect(out.rejections).toEqual([
      { key: 'xero:b', reason: 'paid invoice without FullyPaidOnDate' },
      { key: 'xero:c', reason: 'not a date: "soon"' },
    ]);
    expect(out.records).toEqual([
      expect.objectContaining({ externalId: 'd', status: 'draft', dueDate: '2018-10-20' }),
    ]);
  });
});

describe('Xero payments', () => {
  it('normalises the contract example in the invoice currency', () => {
    const page = JSON.parse(PAYMENTS_JSON) as XeroPaymentsResponse;
    const out = normaliseXeroPayments(page.Payments, { source: 'xero' });
    expect(out.records).toEqual([
      {
        source: 'xero',
        externalId: '99ea7f6b-c513-4066-bc27-b7c65dcd76c2',
        invoiceExternalId: '046d8a6d-1ae1-4b4d-9340-5601bdf41b87',
        paidOn: '2018-11-29',
        amountMinor: 4600,
        currency: 'NZD',
        sourceUpdatedAt: '2018-11-02T16:36:32.690Z',
      },
    ]);
    expect(paymentRecordSchema.safeParse(out.records[0]).success).toBe(true);
  });

  it('skips deleted payments, payments without an invoice and refunds', () => {
    const base = (JSON.parse(PAYMENTS_JSON) as XeroPaymentsResponse).Payments[0]!;
    const out = normaliseXeroPayments(
      [
        { ...base, PaymentID: 'a', Status: 'DELETED' },
        { ...base, PaymentID: 'b', PaymentType: 'ARCREDITPAYMENT', Invoice: null },
        { ...base, PaymentID: 'c', Amount: -5 },
      ],
      { source: 'xero' },
    );
    expect(out.records).toEqual([]);
    expect(out.skipped.map((s) => s.reason)).toEqual([
      'deleted payment',
      'ARCREDITPAYMENT settles no invoice',
      'negative payment (a refund)',
    ]);
  });
});

describe('Xero balance sheet', () => {
  const report = (JSON.parse(BALANCE_SHEET_JSON) as XeroReportsResponse).Reports[0]!;

  it('reads decimal-string report values, including bracketed negatives', () => {
    expect(reportAmountToMinor('2146.37', 'GBP')).toBe(214637);
    expect(reportAmountToMinor('(1,234.50)', 'GBP')).toBe(-123450);
    expect(reportAmountToMinor('-0.01', 'GBP')).toBe(-1);
    expect(reportAmountToMinor('', 'GBP')).toBe(0);
  });

  it('takes bank accounts and balances from the Bank section, in the base currency', () => {
    const out = normaliseXeroBankBalances(report, {
      source: 'xero',
      baseCurrency: 'GBP',
      asOf: '2019-04-30',
    });
    expect(out.accounts).toEqual([
      {
        source: 'xero',
        externalId: '300f3bde-3a5c-4035-9ec5-45b09777679a',
        name: 'Business Bank',
        currency: 'GBP',
      },
      {
        source: 'xero',
        externalId: '11111111-3a5c-4035-9ec5-45b09777679a',
        name: 'Overdraft',
        currency: 'GBP',
      },
    ]);
    expect(out.records.map((r) => r.balanceMinor)).toEqual([214637, -14637]);
    for (const r of out.records) expect(bankBalanceRecordSchema.safeParse(r).success).toBe(true);
  });

  it('computes current and quick ratios, bank counted in current assets', () => {
    expect(summariseXeroBalanceSheet(report, 'GBP')).toEqual({
      currency: 'GBP',
      bankMinor: 200000,
      currentAssetsMinor: 1000000,
      inventoryMinor: 300000,
      currentLiabilitiesMinor: 400000,
      currentRatio: 2.5,
      quickRatio: 1.75,
    });
    expect(summariseXeroBalanceSheet({ ...report, Rows: [] }, 'GBP').currentRatio).toBeNull();
  });
});

describe('Xero webhook payloads', () => {
  const delivery = {
    events: [
      {
        resourceUrl: 'https://api.xero.com/api.xro/2.0/Invoices/717f2bfc-c6d4-41fd-b238-3f2f0c0cf777',
        resourceId: '717f2bfc-c6d4-41fd-b238-3f2f0c0cf777',
        eventDateUtc: '2024-06-21 01:15:39.902000',
        eventType: 'UPDATE',
        eventCategory: 'INVOICE',
        tenantId: 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f',
        tenantType: 'ORGANISATION',
      },
    ],
    firstEventSequence: 1,
    lastEventSequence: 1,
    entropy: 'S0m3r4Nd0mt3xt',
  };

  it('parses the documented payload and identifies the delivery by its sequence range', () => {
    const parsed = parseXeroWebhookPayload(delivery);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(xeroDeliveryId(parsed.payload)).toBe('seq:1-1');
    expect(
      xeroDeliveryId({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'x' }),
    ).toBeNull();
  });

  it('lists each changed invoice of the organisation once', () => {
    const contact = { ...delivery.events[0]!, eventCategory: 'CONTACT', resourceId: 'c' };
    const other = { ...delivery.events[0]!, tenantId: 'other', resourceId: 'x' };
    const events = [delivery.events[0]!, contact, delivery.events[0]!, other];
    expect(changedInvoiceIds(events, 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f')).toEqual([
      '717f2bfc-c6d4-41fd-b238-3f2f0c0cf777',
    ]);
  });

  it('refuses bodies that are not webhook payloads, naming the field', () => {
    const parsed = parseXeroWebhookPayload({
      events: 'nope',
      firstEventSequence: 1,
      lastEventSequence: 1,
      entropy: '',
    });
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining('events') });
  });
});
