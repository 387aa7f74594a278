import { parseDecimalToMinor } from '../../money/money';
import type { BankAccountRecord, BankBalanceRecord } from '../../records/index';
import type { XeroNormalised, XeroReport, XeroReportRow } from './xero-types';

/**
 * Report values are decimal strings (integration-contracts.md §4.7); a negative one may be written
 * with a minus sign or in brackets. An empty cell is zero.
 */
export function reportAmountToMinor(value: string | undefined, currency: string): number {
  const text = (value ?? '').replace(/,/g, '').trim();
  if (text === '') return 0;
  const bracketed = /^\((.*)\)$/.exec(text);
  return bracketed ? -parseDecimalToMinor(bracketed[1]!, currency) : parseDecimalToMinor(text, currency);
}

function sections(rows: readonly XeroReportRow[]): XeroReportRow[] {
  const found: XeroReportRow[] = [];
  for (const row of rows) {
    if (row.RowType === 'Section') {
      found.push(row);
      found.push(...sections(row.Rows ?? []));
    }
  }
  return found;
}

function section(report: XeroReport, title: RegExp): XeroReportRow | undefined {
  return sections(report.Rows).find((s) => title.test(s.Title?.trim() ?? ''));
}

/** A section's total: its summary row when it has one, else the sum of its rows (last value column). */
function sectionTotal(row: XeroReportRow | undefined, currency: string): number {
  if (!row) return 0;
  const summary = (row.Rows ?? []).find((r) => r.RowType === 'SummaryRow');
  if (summary) return reportAmountToMinor(summary.Cells?.[1]?.Value, currency);
  return (row.Rows ?? [])
    .filter((r) => r.RowType === 'Row')
    .reduce((sum, r) => sum + reportAmountToMinor(r.Cells?.[1]?.Value, currency), 0);
}

/**
 * Bank balances from the Balance Sheet's "Bank" section: one row per bank account, its account id
 * in the cell attributes, its balance as at the report date in the organisation's base currency
 * (Xero values foreign-currency accounts at its own rate on the balance sheet). Accounts and
 * balances are therefore recorded in the base currency.
 */
export function normaliseXeroBankBalances(
  report: XeroReport,
  context: { source: string; baseCurrency: string; asOf: string },
): XeroNormalised<BankBalanceRecord> & { accounts: BankAccountRecord[] } {
  const out: XeroNormalised<BankBalanceRecord> & { accounts: BankAccountRecord[] } = {
    records: [],
    rejections: [],
    skipped: [],
    accounts: [],
  };
  const bank = section(report, /^bank( accounts)?$/i);
  for (const row of bank?.Rows ?? []) {
    if (row.RowType !== 'Row') continue;
    const [label, value] = row.Cells ?? [];
    const accountId =
      label?.Attributes?.find((a) => a.Id === 'account')?.Value ??
      value?.Attributes?.find((a) => a.Id === 'account')?.Value;
    const name = label?.Value?.trim() || accountId || '?';
    if (!accountId) {
      out.rejections.push({ key: name, reason: 'bank row without an account id' });
      continue;
    }
    try {
      const balanceMinor = reportAmountToMinor(value?.Value, context.baseCurrency);
      out.accounts.push({
        source: context.source,
        externalId: accountId,
        name,
        currency: context.baseCurrency,
      });
      out.records.push({
        source: context.source,
        accountExternalId: accountId,
        asOf: context.asOf,
        balanceMinor,
        currency: context.baseCurrency,
      });
    } catch (error) {
      out.rejections.push({ key: name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

export interface BalanceSheetSummary {
  currency: string;
  bankMinor: number;
  /** Current assets including bank. */
  currentAssetsMinor: number;
  inventoryMinor: number;
  currentLiabilitiesMinor: number;
  /** Current assets ÷ current liabilities; null without current liabilities. */
  currentRatio: number | null;
  /** (Current assets − inventory) ÷ current liabilities; null without current liabilities. */
  quickRatio: number | null;
}

/**
 * Liquidity from a Balance Sheet report (standard layout): bank and current assets against current
 * liabilities. Xero lists Bank as its own section beside "Current Assets", so both are counted;
 * inventory is the current-asset rows named inventory or stock.
 */
export function summariseXeroBalanceSheet(report: XeroReport, currency: string): BalanceSheetSummary {
  const bank = section(report, /^bank( accounts)?$/i);
  const current = section(report, /^current assets$/i);
  const liabilities = section(report, /^current liabilities$/i);
  const bankMinor = sectionTotal(bank, currency);
  const currentAssetsMinor = bankMinor + sectionTotal(current, currency);
  const inventoryMinor = (current?.Rows ?? [])
    .filter((r) => r.RowType === 'Row' && /inventory|stock/i.test(r.Cells?.[0]?.Value ?? ''))
    .reduce((sum, r) => sum + reportAmountToMinor(r.Cells?.[1]?.Value, currency), 0);
  const currentLiabilitiesMinor = sectionTotal(liabilities, currency);
  const ratio = (numerator: number) =>
    currentLiabilitiesMinor > 0 ? Math.round((numerator / currentLiabilitiesMinor) * 100) / 100 : null;
  return {
    currency,
    bankMinor,
    currentAssetsMinor,
    inventoryMinor,
    currentLiabilitiesMinor,
    currentRatio: ratio(currentAssetsMinor),
    quickRatio: ratio(currentAssetsMinor - inventoryMinor),
  };
}
