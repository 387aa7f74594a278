import type { AgeingResponse } from '@sentia/contracts';
import { ageInvoices, type OpenInvoice, outstandingOn } from '@sentia/domain';
import type { AppContext } from '../../context';
import { queryDataPresence } from '../overview/queries/query-data-presence';
import { WC_GAPS } from './data-gaps';
import { queryRatesAt, rateList, rateTable } from './queries/query-fx-rates';
import { queryInvoiceHistories } from './queries/query-invoice-histories';

/**
 * Receivables or payables ageing on `asOf` (default today) from the open invoices themselves: what
 * each still owed that day, in the bucket of its own days overdue, converted at that day's rates.
 */
export async function getAgeing(
  ctx: Pick<AppContext, 'db'>,
  type: 'receivable' | 'payable',
  asOf: string,
): Promise<AgeingResponse> {
  const [invoices, rates, presence] = await Promise.all([
    queryInvoiceHistories(ctx.db, type, asOf, asOf),
    queryRatesAt(ctx.db, [asOf]),
    queryDataPresence(ctx.db),
  ]);
  const open: OpenInvoice[] = invoices.flatMap((invoice) => {
    const outstandingMinor = outstandingOn(invoice, asOf);
    return outstandingMinor === 0
      ? []
      : [
          {
            id: invoice.id,
            invoiceNumber: invoice.invoiceNumber,
            contactName: invoice.contactName,
            channelCode: invoice.channelCode,
            issueDate: invoice.issueDate,
            dueDate: invoice.dueDate,
            currency: invoice.currency,
            outstandingMinor,
          },
        ];
  });
  const report = ageInvoices(open, asOf, rateTable(rates.get(asOf)));
  const used = new Set(open.map((i) => i.currency));
  const hasData = type === 'receivable' ? presence.receivables : presence.payables;
  const gap = !hasData
    ? type === 'receivable'
      ? WC_GAPS.receivables
      : WC_GAPS.payables
    : report.unconverted.length > 0
      ? WC_GAPS.fxRates
      : undefined;
  return {
    type,
    currency: 'GBP',
    ...report,
    rates: rateList(rates.get(asOf)).filter((r) => used.has(r.currency)),
    ...(gap ? { gap } : {}),
    demoData: presence.demo,
    generatedAt: new Date().toISOString(),
  };
}
