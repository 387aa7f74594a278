import {
  formatDotNetDate,
  formatMinorAsDecimal,
  jsonAmountToMinor,
  type XeroReportRow,
} from '@sentia/domain';
import type { SimRequest } from '../common/simulator-server';
import type { XeroSimTenant } from './xero-simulator';

/** The Balance Sheet as at `date`: Bank accounts, receivables and inventory, payables (values as strings). */
export function balanceSheet(tenant: XeroSimTenant, req: SimRequest) {
  const currency = tenant.baseCurrency;
  const due = (type: string) =>
    tenant.invoices
      .filter((i) => i.Type === type && i.Status === 'AUTHORISED')
      .reduce((sum, i) => {
        const minor = jsonAmountToMinor(i.AmountDue, i.CurrencyCode);
        // Foreign-currency invoices at their own rate (units of the invoice currency per base unit).
        const rate = i.CurrencyCode === currency ? 1 : (i.CurrencyRate ?? 1);
        return sum + Math.round(minor / rate);
      }, 0);
  const text = (minor: number) => formatMinorAsDecimal(minor, currency);
  const bankTotal = tenant.bankAccounts.reduce((sum, a) => sum + jsonAmountToMinor(a.balance, currency), 0);
  const receivable = due('ACCREC');
  const inventory = jsonAmountToMinor(tenant.inventory ?? '0', currency);
  const payable = due('ACCPAY');
  const date = req.query.get('date') ?? new Date().toISOString().slice(0, 10);
  const row = (label: string, value: string, account?: string): XeroReportRow => ({
    RowType: 'Row',
    Cells: [
      { Value: label, ...(account ? { Attributes: [{ Id: 'account', Value: account }] } : {}) },
      { Value: value, ...(account ? { Attributes: [{ Id: 'account', Value: account }] } : {}) },
    ],
  });
  return {
    ReportID: 'BalanceSheet',
    ReportName: 'Balance Sheet',
    ReportType: 'BalanceSheet',
    ReportTitles: ['Balance Sheet', tenant.name, `As at ${date}`],
    ReportDate: date,
    UpdatedDateUTC: formatDotNetDate(new Date()),
    Fields: [],
    Rows: [
      { RowType: 'Header', Cells: [{ Value: '' }, { Value: date }] },
      { RowType: 'Section', Title: 'Assets', Rows: [] },
      {
        RowType: 'Section',
        Title: 'Bank',
        Rows: [
          ...tenant.bankAccounts.map((a) => row(a.Name, a.balance, a.AccountID)),
          { RowType: 'SummaryRow', Cells: [{ Value: 'Total Bank' }, { Value: text(bankTotal) }] },
        ],
      },
      {
        RowType: 'Section',
        Title: 'Current Assets',
        Rows: [
          row('Accounts Receivable', text(receivable)),
          row('Inventory', text(inventory)),
          {
            RowType: 'SummaryRow',
            Cells: [{ Value: 'Total Current Assets' }, { Value: text(receivable + inventory) }],
          },
        ],
      },
      { RowType: 'Section', Title: 'Liabilities', Rows: [] },
      {
        RowType: 'Section',
        Title: 'Current Liabilities',
        Rows: [
          row('Accounts Payable', text(payable)),
          {
            RowType: 'SummaryRow',
            Cells: [{ Value: 'Total Current Liabilities' }, { Value: text(payable) }],
          },
        ],
      },
    ],
  };
}
