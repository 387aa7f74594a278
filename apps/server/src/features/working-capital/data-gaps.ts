import type { DataGap } from '@sentia/contracts';
import { DATA_GAPS } from '../overview/data-gaps';

/** What to connect or import when data behind a working-capital figure is missing. */
export const WC_GAPS = {
  ...DATA_GAPS,
  bank: {
    reason: 'No bank balances have been recorded, so the forecast has no opening cash.',
    supplyBy: [
      { label: 'Connect Xero (bank accounts)', href: '/data/connections/xero' },
      { label: 'Import bank balances (CSV/XLSX)', href: '/data/imports?kind=bank-balances' },
    ],
  },
  balanceSheet: {
    reason:
      'Current and quick ratios need the whole balance sheet (current assets and liabilities beyond invoices and stock).',
    supplyBy: [{ label: 'Connect Xero (BalanceSheet report)', href: '/data/connections/xero' }],
  },
  fxRates: {
    reason: 'Some amounts are in a currency without an FX rate to GBP, so they are left out and named.',
    supplyBy: [
      { label: 'Connect Xero (currency rates)', href: '/data/connections/xero' },
      { label: 'Import FX rates (CSV/XLSX)', href: '/data/imports?kind=fx-rates' },
    ],
  },
  recurringCosts: {
    reason:
      'Payroll, overhead and VAT are not entered as recurring costs; the forecast uses the bank’s observed other movements instead, or leaves them out when that is switched off.',
    supplyBy: [
      { label: 'Enter recurring costs (working-capital settings)', href: '/working-capital#settings' },
    ],
  },
} satisfies Record<string, DataGap>;
