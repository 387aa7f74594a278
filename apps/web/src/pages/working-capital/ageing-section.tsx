import type { AgedInvoiceView, AgeingResponse } from '@sentia/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatBusinessDate } from '../../format/date';
import { formatMoney } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { sumColumn } from '../../ui/data-table-model';
import { ErrorPanel } from '../../ui/error-panel';
import { SupplyLinks } from '../../ui/kpi-tile';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import {
  BUCKET_LABELS,
  BUCKETS,
  type ContactRow,
  filterInvoices,
  groupByContact,
  groupInvoices,
} from './ageing-model';
import { CsvButton } from './csv-button';
import { ageingQuery } from './wc-queries';

/**
 * Receivables and payables ageing from the open invoices: totals per bucket, a table per contact
 * and, on choosing a contact, that contact's invoices (the drill-down to the records themselves).
 */
export function AgeingSection(props: { locale: string; allowedChannels: ReadonlySet<string> | null }) {
  const [type, setType] = useState<'receivable' | 'payable'>('receivable');
  const ageing = useQuery(ageingQuery(type));
  return (
    <section className="wc-section" aria-labelledby="ageing-heading" id="ageing">
      <div className="wc-section__head">
        <h2 id="ageing-heading">Ageing</h2>
        <fieldset className="wc-segmented no-print">
          <legend className="visually-hidden">Invoices</legend>
          {(['receivable', 'payable'] as const).map((t) => (
            <label key={t} className={t === type ? 'is-selected' : undefined}>
              <input
                type="radio"
                name="ageing-type"
                value={t}
                checked={t === type}
                onChange={() => setType(t)}
              />
              {t === 'receivable' ? 'Receivables' : 'Payables'}
            </label>
          ))}
        </fieldset>
      </div>
      {ageing.isError && (
        <ErrorPanel
          error={ageing.error}
          heading="The ageing could not be loaded"
          onRetry={() => void ageing.refetch()}
        />
      )}
      {ageing.data ? (
        <AgeingBody
          key={type}
          ageing={ageing.data}
          locale={props.locale}
          allowedChannels={props.allowedChannels}
        />
      ) : (
        ageing.isPending && (
          <LoadingRegion label="Loading the ageing">
            <Skeleton height={240} />
          </LoadingRegion>
        )
      )}
    </section>
  );
}

function AgeingBody(props: {
  ageing: AgeingResponse;
  locale: string;
  allowedChannels: ReadonlySet<string> | null;
}) {
  const { ageing, locale } = props;
  const [contact, setContact] = useState<string | null>(null);
  const invoices = useMemo(
    () => filterInvoices(ageing.invoices, ageing.type === 'receivable' ? props.allowedChannels : null),
    [ageing, props.allowedChannels],
  );
  const contacts = useMemo(() => groupByContact(invoices), [invoices]);
  const byChannel = useMemo(() => groupInvoices(invoices, (i) => i.channelCode ?? 'No channel'), [invoices]);
  const byCurrency = useMemo(() => groupInvoices(invoices, (i) => i.currency), [invoices]);
  const money = (minor: number) => formatMoney(minor, 'GBP', locale, { wholeUnits: true });
  const who = ageing.type === 'receivable' ? 'Customer' : 'Supplier';
  const filtered = invoices.length !== ageing.invoices.length;

  if (ageing.gap && ageing.invoices.length === 0) {
    return (
      <div className="panel">
        <p>{ageing.gap.reason}</p>
        <SupplyLinks supplyBy={ageing.gap.supplyBy} />
      </div>
    );
  }

  const contactColumns: Column<ContactRow>[] = [
    {
      key: 'contact',
      header: who,
      cell: (r) => (
        <button
          type="button"
          className="wc-link-button"
          aria-pressed={contact === r.contact}
          onClick={() => setContact(contact === r.contact ? null : r.contact)}
        >
          {r.contact}
          <span className="visually-hidden">: show invoices</span>
        </button>
      ),
      sortValue: (r) => r.contact,
    },
    ...BUCKETS.map(
      (b): Column<ContactRow> => ({
        key: b,
        header: BUCKET_LABELS[b],
        align: 'end',
        cell: (r) => money(r.buckets[b]),
        sortValue: (r) => r.buckets[b],
        firstSort: 'desc',
        total: (rows) => money(sumColumn(rows, (r) => r.buckets[b]) ?? 0),
      }),
    ),
    {
      key: 'total',
      header: 'Total',
      align: 'end',
      cell: (r) => (
        <span data-ageing-total={r.contact}>
          {money(r.totalMinor)}
          {r.incomplete && ' *'}
        </span>
      ),
      sortValue: (r) => r.totalMinor,
      firstSort: 'desc',
      total: (rows) => (
        <span data-testid={`ageing-total-${ageing.type}`}>
          {money(sumColumn(rows, (r) => r.totalMinor) ?? 0)}
        </span>
      ),
    },
    { key: 'count', header: 'Invoices', align: 'end', cell: (r) => r.invoices, sortValue: (r) => r.invoices },
  ];
  const shown = contact ? invoices.filter((i) => i.contactName === contact) : invoices;
  const invoiceColumns: Column<AgedInvoiceView>[] = [
    {
      key: 'number',
      header: 'Invoice',
      cell: (i) => i.invoiceNumber ?? `#${i.id}`,
      sortValue: (i) => i.invoiceNumber ?? '',
    },
    { key: 'contact', header: who, cell: (i) => i.contactName, sortValue: (i) => i.contactName },
    ...(ageing.type === 'receivable'
      ? [
          {
            key: 'channel',
            header: 'Channel',
            cell: (i: AgedInvoiceView) => i.channelCode ?? '—',
            sortValue: (i: AgedInvoiceView) => i.channelCode ?? '',
          },
        ]
      : []),
    {
      key: 'due',
      header: 'Due',
      cell: (i) => formatBusinessDate(i.dueDate, locale, 'short'),
      sortValue: (i) => i.dueDate,
    },
    {
      key: 'overdue',
      header: 'Days overdue',
      align: 'end',
      cell: (i) => Math.max(0, i.daysOverdue),
      sortValue: (i) => i.daysOverdue,
      firstSort: 'desc',
    },
    { key: 'bucket', header: 'Bucket', cell: (i) => BUCKET_LABELS[i.bucket] },
    {
      key: 'amount',
      header: 'Outstanding',
      align: 'end',
      cell: (i) => formatMoney(i.outstandingMinor, i.currency, locale),
      sortValue: (i) => i.outstandingGbpMinor ?? null,
      firstSort: 'desc',
    },
    {
      key: 'gbp',
      header: 'GBP',
      align: 'end',
      cell: (i) =>
        i.outstandingGbpMinor === null ? 'no rate' : formatMoney(i.outstandingGbpMinor, 'GBP', locale),
      sortValue: (i) => i.outstandingGbpMinor,
      firstSort: 'desc',
      total: (rows) => formatMoney(sumColumn(rows, (i) => i.outstandingGbpMinor) ?? 0, 'GBP', locale),
    },
  ];
  return (
    <div className="wc-ageing">
      <p className="wc-note">
        Aged on {formatBusinessDate(ageing.asOf, locale)} by days past each invoice’s due date, in GBP at that
        day’s rates
        {ageing.rates.length > 0 &&
          ` (${ageing.rates.map((r) => `${r.currency} ${r.gbpPerUnit}`).join(', ')})`}
        .{filtered && ' Filtered to the channels chosen in the filter bar.'}
        {ageing.unconverted.length > 0 &&
          ` * Amounts in ${ageing.unconverted.join(', ')} have no FX rate and are left out of GBP totals.`}
      </p>
      <div className="wc-table">
        <div className="wc-table__actions no-print">
          <CsvButton
            name={`${ageing.type}-ageing-${ageing.asOf}`}
            build={() => ({
              header: ['contact', ...BUCKETS.map((b) => `${b}_gbp_minor`), 'total_gbp_minor', 'invoices'],
              rows: contacts.map((c) => [
                c.contact,
                ...BUCKETS.map((b) => c.buckets[b]),
                c.totalMinor,
                c.invoices,
              ]),
            })}
          />
        </div>
        <DataTable
          caption={`${ageing.type === 'receivable' ? 'Receivables' : 'Payables'} by ${who.toLowerCase()} (choose one to see its invoices)`}
          columns={contactColumns}
          rows={contacts}
          rowKey={(r) => r.contact}
          initialSort={{ columnKey: 'total', direction: 'desc' }}
          empty="Nothing is owed."
        />
      </div>
      <div className="wc-grid-2">
        {ageing.type === 'receivable' && (
          <DataTable
            caption="By channel (GBP)"
            columns={groupColumns('Channel', money)}
            rows={byChannel}
            rowKey={(r) => r.contact}
            initialSort={{ columnKey: 'total', direction: 'desc' }}
          />
        )}
        <DataTable
          caption="By invoice currency"
          columns={[
            { key: 'currency', header: 'Currency', cell: (r) => r.contact },
            {
              key: 'own',
              header: 'Outstanding',
              align: 'end',
              cell: (r) =>
                formatMoney(
                  invoices
                    .filter((i) => i.currency === r.contact)
                    .reduce((sum, i) => sum + i.outstandingMinor, 0),
                  r.contact,
                  locale,
                  { wholeUnits: true },
                ),
            },
            { key: 'gbp', header: 'GBP', align: 'end', cell: (r) => money(r.totalMinor) },
            { key: 'count', header: 'Invoices', align: 'end', cell: (r) => r.invoices },
          ]}
          rows={byCurrency}
          rowKey={(r) => r.contact}
        />
      </div>
      <div className="wc-table wc-nowrap" id={`${ageing.type}-invoices`}>
        <div className="wc-table__actions no-print">
          {contact && (
            <button type="button" className="button" onClick={() => setContact(null)}>
              All {who.toLowerCase()}s
            </button>
          )}
          <CsvButton
            name={`${ageing.type}-invoices-${ageing.asOf}`}
            build={() => ({
              header: [
                'invoice',
                'contact',
                'channel',
                'issue_date',
                'due_date',
                'days_overdue',
                'bucket',
                'currency',
                'outstanding_minor',
                'outstanding_gbp_minor',
              ],
              rows: shown.map((i) => [
                i.invoiceNumber ?? String(i.id),
                i.contactName,
                i.channelCode,
                i.issueDate,
                i.dueDate,
                i.daysOverdue,
                i.bucket,
                i.currency,
                i.outstandingMinor,
                i.outstandingGbpMinor,
              ]),
            })}
          />
        </div>
        <DataTable
          caption={contact ? `Open invoices of ${contact}` : `Open ${ageing.type} invoices`}
          columns={invoiceColumns}
          rows={shown}
          rowKey={(i) => String(i.id)}
          initialSort={{ columnKey: 'overdue', direction: 'desc' }}
          maxHeight={480}
          virtualizeAbove={40}
        />
      </div>
    </div>
  );
}

/** Bucket columns for a grouped table (channel), with totals. */
function groupColumns(header: string, money: (minor: number) => string): Column<ContactRow>[] {
  return [
    { key: 'key', header, cell: (r) => r.contact, sortValue: (r) => r.contact },
    ...BUCKETS.map(
      (b): Column<ContactRow> => ({
        key: b,
        header: BUCKET_LABELS[b],
        align: 'end',
        cell: (r) => money(r.buckets[b]),
        sortValue: (r) => r.buckets[b],
        firstSort: 'desc',
      }),
    ),
    {
      key: 'total',
      header: 'Total',
      align: 'end',
      cell: (r) => money(r.totalMinor),
      sortValue: (r) => r.totalMinor,
      firstSort: 'desc',
    },
  ];
}
