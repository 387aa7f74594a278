import type { DataGap } from '@sentia/contracts';

/** What to connect or import when a kind of data is missing (pages link there). */
export const DATA_GAPS = {
  sales: {
    reason: 'No sales orders have been recorded yet.',
    supplyBy: [
      { label: 'Connect Shopify', href: '/data/connections/shopify' },
      { label: 'Connect Amazon Seller Central', href: '/data/connections/amazon' },
      { label: 'Import orders (CSV/XLSX)', href: '/data/imports?kind=orders' },
    ],
  },
  stock: {
    reason: 'No stock levels have been recorded yet.',
    supplyBy: [
      { label: 'Connect Unleashed', href: '/data/connections/unleashed' },
      { label: 'Import stock levels (CSV/XLSX)', href: '/data/imports?kind=stock-levels' },
    ],
  },
  receivables: {
    reason: 'No customer invoices have been recorded yet.',
    supplyBy: [
      { label: 'Connect Xero', href: '/data/connections/xero' },
      { label: 'Import invoices (CSV/XLSX)', href: '/data/imports?kind=invoices' },
    ],
  },
  payables: {
    reason: 'No supplier bills have been recorded yet.',
    supplyBy: [
      { label: 'Connect Xero', href: '/data/connections/xero' },
      { label: 'Import invoices (CSV/XLSX)', href: '/data/imports?kind=invoices' },
    ],
  },
} satisfies Record<string, DataGap>;
