import type { ImportRowError, ImportUploadResponse, ImportView } from '@sentia/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import '../../ui/badges.css';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { RelativeTime } from '../../ui/relative-time';
import { errorsCsvPath, importQuery, retryImport } from './imports-api';
import {
  isFinished,
  kindTitle,
  progressText,
  resultFacts,
  STATUS_TEXT,
  statusTone,
  validRowsOnRetry,
} from './imports-model';

const errorColumns: Column<ImportRowError>[] = [
  { key: 'line', header: 'Line', align: 'end', cell: (e) => e.line, sortValue: (e) => e.line },
  { key: 'column', header: 'Column', cell: (e) => (e.column ? <code>{e.column}</code> : '(row)') },
  { key: 'value', header: 'Value', cell: (e) => e.value ?? '' },
  { key: 'reason', header: 'Problem', cell: (e) => e.reason },
];

export function ImportStatusBadge({ view }: { view: Pick<ImportView, 'status'> }) {
  return <span className={`badge badge--${statusTone(view.status)}`}>{STATUS_TEXT[view.status]}</span>;
}

export interface ImportResultProps {
  importId: string;
  /** Set right after an upload that turned out to repeat an earlier one. */
  duplicate: boolean;
  onStarted(result: ImportUploadResponse): void;
}

/** One import: live progress while it runs, then its counts, its bad rows and what to do next. */
export function ImportResult({ importId, duplicate, onStarted }: ImportResultProps) {
  const query = useQuery(importQuery(importId));
  const retry = useMutation({
    mutationFn: () => retryImport(importId, 'valid-rows'),
    onSuccess: onStarted,
  });
  const view = query.data;
  if (!view) {
    return query.isError ? <ErrorPanel heading="The import could not be loaded" error={query.error} /> : null;
  }
  const finished = isFinished(view);
  const validRows = validRowsOnRetry(view);
  const moreErrors = view.errorCount > view.errors.length;

  return (
    <section
      className="panel imports__result"
      aria-labelledby="import-result"
      data-import-status={view.status}
    >
      <h2 id="import-result">
        {kindTitle(view.kind)} from {view.filename} <ImportStatusBadge view={view} />
      </h2>
      {duplicate && (
        <p className="imports__notice" role="status">
          This file was already imported{view.finishedAt ? ' ' : ''}
          {view.finishedAt && <RelativeTime iso={view.finishedAt} />}: the same{' '}
          {kindTitle(view.kind).toLowerCase()} are there, so nothing was imported again.
        </p>
      )}
      <div role="status" aria-live="polite" className="imports__progress">
        {!finished && (
          <progress
            max={100}
            value={view.status === 'validating' ? undefined : view.percent}
            aria-label="Import progress"
          >
            {view.percent}%
          </progress>
        )}
        <p>{progressText(view)}</p>
      </div>
      {finished && (
        <dl className="imports__facts">
          {resultFacts(view).map((fact) => (
            <div key={fact.label}>
              <dt>{fact.label}</dt>
              <dd className="tabular">{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {validRows !== null && (
        <div className="imports__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={retry.isPending}
            onClick={() => retry.mutate()}
          >
            Import the {validRows.toLocaleString('en-GB')} valid rows
          </button>
          <span>The rows with errors below are left out.</span>
        </div>
      )}
      {retry.isError && <ErrorPanel heading="Could not start the import again" error={retry.error} compact />}
      {view.errors.length > 0 && (
        <>
          <DataTable
            caption={`Rows with errors${moreErrors ? ` (the first ${view.errors.length} of ${view.errorCount})` : ''}`}
            columns={errorColumns}
            rows={view.errors}
            rowKey={(e) => `${e.line}:${e.column ?? ''}:${e.reason}`}
          />
          <p>
            <a href={errorsCsvPath(view.id)} download>
              Download {moreErrors ? `all ${view.errorCount.toLocaleString('en-GB')} errors` : 'the errors'}{' '}
              (CSV)
            </a>
          </p>
        </>
      )}
    </section>
  );
}
