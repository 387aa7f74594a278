import { createHash } from 'node:crypto';
import {
  type BankBalanceRecord,
  buildDemoCatalogue,
  convertMinor,
  DEMO_BANK_ACCOUNTS,
  formatDotNetDate,
  formatMinorAsDecimal,
  generateDemoDays,
  type InvoiceRecord,
  type PaymentRecord,
  type StockLevelRecord,
  type XeroInvoice,
  type XeroPayment,
} from '@sentia/domain';
import type { SandboxDataset } from '../../sync/connector-state';
import type { XeroSimTenant } from './xero-simulator';

/**
 * The demo business's Xero organisation, as the sandbox simulator serves it: generated from the
 * same seed and period as the demo that was loaded, so every invoice, payment and bank account id
 * is one already in the database under `source = 'demo'`, and a sandbox sync updates those rows in
 * place. It holds the invoices and bills issued in the last `windowDays` or still open, their
 * payments, and the bank balances and inventory value at the end of the period (in GBP, the base
 * currency: foreign-currency amounts at the period's last rate, as Xero's balance sheet shows them).
 */
export function contactGuid(key: string): string {
  const hex = createHash('sha1').update(`sentia-xero-sandbox:contact:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const amount = (minor: number, currency: string) => Number(formatMinorAsDecimal(minor, currency));

export async function buildXeroSandboxTenant(
  dataset: SandboxDataset,
  windowDays: number,
  tenant: { tenantId: string; name: string },
): Promise<XeroSimTenant> {
  const options = { seed: dataset.seed, endDate: dataset.endDate, days: dataset.days };
  const to = dataset.endDate;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (windowDays - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const invoices = new Map<string, InvoiceRecord>();
  const payments: PaymentRecord[] = [];
  let balances: BankBalanceRecord[] = [];
  let stock: StockLevelRecord[] = [];
  const rates = new Map<string, string>();
  let n = 0;
  for (const day of generateDemoDays(options)) {
    if (++n % 30 === 0) await new Promise((resolve) => setImmediate(resolve));
    for (const rate of day.fxRates) rates.set(rate.currency, rate.rateToGbp);
    if (day.bankBalances.length > 0) balances = day.bankBalances;
    if (day.stockLevels.length > 0) stock = day.stockLevels;
    for (const invoice of day.invoices) {
      if (invoice.issueDate >= from || invoice.status === 'authorised' || invoice.status === 'draft') {
        invoices.set(invoice.externalId, invoice);
      }
    }
    payments.push(...day.payments);
  }
  const toGbp = (minor: number, currency: string) =>
    currency === 'GBP' ? minor : convertMinor(minor, currency, 'GBP', rates.get(currency) ?? '1');
  const endOfPeriod = `${to}T23:59:59Z`;
  const stamp = (date: string, time: string) => {
    const at = `${date}T${time}Z`;
    return formatDotNetDate(at > endOfPeriod ? endOfPeriod : at, true);
  };
  const contact = (i: InvoiceRecord) => {
    const code = i.customerCode ?? i.supplierCode;
    return {
      ContactID: contactGuid(code ?? i.contactName),
      Name: i.contactName,
      ...(code ? { AccountNumber: code } : {}),
    };
  };

  const xeroInvoices: XeroInvoice[] = [...invoices.values()].map((i) => ({
    Type: i.type === 'receivable' ? 'ACCREC' : 'ACCPAY',
    InvoiceID: i.externalId,
    ...(i.invoiceNumber ? { InvoiceNumber: i.invoiceNumber } : {}),
    Status: { draft: 'DRAFT', authorised: 'AUTHORISED', paid: 'PAID', voided: 'VOIDED' }[i.status],
    Contact: contact(i),
    Date: formatDotNetDate(i.issueDate, true),
    DateString: `${i.issueDate}T00:00:00`,
    DueDate: formatDotNetDate(i.dueDate, true),
    DueDateString: `${i.dueDate}T00:00:00`,
    LineAmountTypes: 'Inclusive',
    CurrencyCode: i.currency,
    // Units of the invoice currency per unit of the base currency, as Xero states it.
    CurrencyRate:
      i.currency === 'GBP' ? 1 : Math.round((1 / Number(rates.get(i.currency) ?? '1')) * 1e6) / 1e6,
    Total: amount(i.amountMinor, i.currency),
    AmountDue: amount(i.amountDueMinor, i.currency),
    AmountPaid: amount(i.amountMinor - i.amountDueMinor, i.currency),
    AmountCredited: 0,
    FullyPaidOnDate: i.paidDate ? formatDotNetDate(i.paidDate, true) : null,
    UpdatedDateUTC: stamp(i.paidDate ?? i.issueDate, '10:00:00'),
  }));

  const xeroPayments: XeroPayment[] = payments
    .filter((p) => p.invoiceExternalId && invoices.has(p.invoiceExternalId))
    .map((p) => {
      const invoice = invoices.get(p.invoiceExternalId!)!;
      return {
        PaymentID: p.externalId,
        Date: formatDotNetDate(p.paidOn, true),
        Amount: amount(p.amountMinor, p.currency),
        PaymentType: invoice.type === 'receivable' ? 'ACCRECPAYMENT' : 'ACCPAYPAYMENT',
        Status: 'AUTHORISED',
        IsReconciled: true,
        UpdatedDateUTC: stamp(p.paidOn, '11:00:00'),
        Invoice: {
          InvoiceID: invoice.externalId,
          ...(invoice.invoiceNumber ? { InvoiceNumber: invoice.invoiceNumber } : {}),
          Type: invoice.type === 'receivable' ? 'ACCREC' : 'ACCPAY',
          CurrencyCode: invoice.currency,
          Contact: contact(invoice),
        },
      };
    });

  const catalogue = buildDemoCatalogue(options);
  const inventoryGbp = stock.reduce((sum, s) => {
    const product = catalogue.products.find((p) => p.sku === s.sku);
    return product ? sum + toGbp(Math.max(0, s.onHand) * product.unitCostMinor, product.costCurrency) : sum;
  }, 0);

  return {
    tenantId: tenant.tenantId,
    name: tenant.name,
    baseCurrency: 'GBP',
    invoices: xeroInvoices,
    payments: xeroPayments,
    bankAccounts: DEMO_BANK_ACCOUNTS.map((a) => {
      const balance = balances.find((b) => b.accountExternalId === a.externalId);
      return {
        AccountID: a.externalId,
        Name: a.name,
        balance: formatMinorAsDecimal(balance ? toGbp(balance.balanceMinor, balance.currency) : 0, 'GBP'),
      };
    }),
    inventory: formatMinorAsDecimal(inventoryGbp, 'GBP'),
  };
}
