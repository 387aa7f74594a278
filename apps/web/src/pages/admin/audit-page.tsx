import type { AuditEntry } from '@sentia/contracts';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_EXPORT_LIMIT, type AuditFilters, auditPath, auditQuery } from '../../api/auth-queries';
import { fetchFile } from '../../api/fetch-json';
import { useDocumentTitle } from '../../app/use-document-title';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { formatBusinessDate, formatUtc } from '../../format/date';
import { userLocale } from '../../format/locale';
import { formatNumber } from '../../format/number';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { TextField } from '../../ui/form-field';
import { PageHeader } from '../../ui/page-header';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { AdminTabs } from './admin-tabs';
import {
  AUDIT_ACTION_SUGGESTIONS,
  auditFiltersFromParams,
  auditFiltersToParams,
  describeChange,
  validateAuditFilters,
} from './audit-model';
import './admin.css';

/** "14:05" in the reader's time zone (the date is shown beside it, the UTC time on hover). */
function formatTime(instant: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    instant,
  );
}

/** The append-only audit log, newest first, filtered by period, person and action; CSV download. */
export default function AuditPage() {
  useDocumentTitle('Audit log');
  const crumbs = usePageCrumbs();
  const locale = userLocale();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the identity of the params
  const filters = useMemo(() => auditFiltersFromParams(params), [key]);
  const audit = useInfiniteQuery(auditQuery(filters));
  const entries = useMemo(() => audit.data?.pages.flatMap((page) => page.entries) ?? [], [audit.data]);

  const download = useMutation({
    mutationFn: async () => {
      const file = await fetchFile(auditPath(filters, { format: 'csv', limit: AUDIT_EXPORT_LIMIT }));
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename ?? 'audit-log.csv';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });

  const columns: Column<AuditEntry>[] = [
    {
      key: 'at',
      header: 'When',
      width: '9.5rem',
      cell: (e) => {
        const at = new Date(e.at);
        return (
          <time dateTime={e.at} title={formatUtc(at)} className="audit-when">
            <span>{formatBusinessDate(e.at.slice(0, 10), locale)}</span>{' '}
            <span className="admin-muted">{formatTime(at, locale)}</span>
          </time>
        );
      },
    },
    {
      key: 'actor',
      header: 'Who, from where',
      cell: (e) => (
        <>
          <span className="audit-actor">{e.actor}</span>
          {e.ip && <span className="admin-muted audit-small">{e.ip}</span>}
        </>
      ),
    },
    {
      key: 'action',
      header: 'Action and target',
      cell: (e) => (
        <>
          <code>{e.action}</code>
          {(e.targetType || e.targetId) && (
            <span className="audit-target">
              {e.targetType}
              {e.targetId && <span className="audit-id">{e.targetId}</span>}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'change',
      header: 'Change',
      cell: (e) => {
        const lines = describeChange(e.before, e.after);
        return lines.length === 0 ? (
          <span className="admin-muted">—</span>
        ) : (
          <ul className="admin-change">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="Audit log"
        crumbs={crumbs}
        subtitle="Every sign-in, user and role change, maintenance switch and export, newest first. Entries cannot be changed or deleted."
        actions={
          <button
            type="button"
            className="button admin-nowrap"
            disabled={download.isPending}
            onClick={() => download.mutate()}
          >
            {download.isPending ? 'Preparing CSV…' : 'Download CSV'}
          </button>
        }
      />
      <AdminTabs />
      <div className="admin">
        <AuditFilterForm
          key={key}
          filters={filters}
          onApply={(next) => setParams((previous) => auditFiltersToParams(next, previous))}
        />
        <p className="admin-muted">
          The CSV holds up to {formatNumber(AUDIT_EXPORT_LIMIT, locale, 0)} entries matching these filters;
          the download is itself recorded here.
        </p>
        {download.isError && (
          <ErrorPanel heading="The CSV could not be downloaded" error={download.error} compact />
        )}
        {audit.isError && (
          <ErrorPanel
            heading={
              entries.length > 0 ? 'Older entries could not be loaded' : 'The audit log could not be loaded'
            }
            error={audit.error}
            onRetry={() => void audit.refetch()}
            compact={entries.length > 0}
          />
        )}
        {audit.data ? (
          <section className="admin-section" aria-labelledby="audit-entries">
            <h2 id="audit-entries" className="visually-hidden">
              Entries
            </h2>
            <DataTable
              caption="Audit log entries, newest first"
              hideCaption
              columns={columns}
              rows={entries}
              rowKey={(e) => String(e.id)}
              empty="No entries match these filters."
            />
            <div className="admin-more">
              <span role="status">
                {formatNumber(entries.length, locale, 0)} {entries.length === 1 ? 'entry' : 'entries'} shown
                {audit.hasNextPage ? '' : entries.length > 0 ? ' — the oldest is reached' : ''}
              </span>
              {audit.hasNextPage && (
                <button
                  type="button"
                  className="button"
                  disabled={audit.isFetchingNextPage}
                  onClick={() => void audit.fetchNextPage()}
                >
                  {audit.isFetchingNextPage ? 'Loading older entries…' : 'Show older entries'}
                </button>
              )}
            </div>
          </section>
        ) : (
          audit.isPending && (
            <LoadingRegion label="Loading the audit log">
              <Skeleton height={320} />
            </LoadingRegion>
          )
        )}
      </div>
    </>
  );
}

function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (next: AuditFilters) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (change: AuditFilters) => setDraft((d) => ({ ...d, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateAuditFilters(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(draft);
  };
  const active = Object.values(filters).some(Boolean);
  return (
    <form className="panel admin-form" aria-label="Filter the audit log" onSubmit={submit} noValidate>
      <TextField
        label="From (UTC)"
        type="date"
        value={draft.from ?? ''}
        onChange={(e) => set({ from: e.target.value || undefined })}
        error={errors.from}
      />
      <TextField
        label="To (UTC)"
        type="date"
        value={draft.to ?? ''}
        onChange={(e) => set({ to: e.target.value || undefined })}
        error={errors.to}
      />
      <TextField
        label="Who (email)"
        type="email"
        autoCapitalize="none"
        spellCheck={false}
        value={draft.actor ?? ''}
        onChange={(e) => set({ actor: e.target.value || undefined })}
      />
      <TextField
        label="Action"
        describedBy={`${id}-action-note`}
        list={`${id}-actions`}
        autoCapitalize="none"
        spellCheck={false}
        value={draft.action ?? ''}
        onChange={(e) => set({ action: e.target.value || undefined })}
      />
      <datalist id={`${id}-actions`}>
        {AUDIT_ACTION_SUGGESTIONS.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <p id={`${id}-action-note`} className="admin-form__full admin-muted">
        Dates are whole days in UTC. The action matches its start: “users.” finds every user change.
      </p>
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        {active && (
          <button type="button" className="button" onClick={() => onApply({})}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
