import type { ImportView } from '@sentia/contracts';
import { useQuery } from '@tanstack/react-query';
import { type Column, DataTable } from '../../ui/data-table';
import { ErrorPanel } from '../../ui/error-panel';
import { RelativeTime } from '../../ui/relative-time';
import { ImportStatusBadge } from './import-result';
import { importHistoryQuery } from './imports-api';
import { kindTitle } from './imports-model';

/** The latest imports; choosing one shows its result and errors above. */
export function ImportHistory({ onSelect }: { onSelect(id: string): void }) {
  const history = useQuery(importHistoryQuery());
  const columns: Column<ImportView>[] = [
    {
      key: 'when',
      header: 'Uploaded',
      cell: (v) => <RelativeTime iso={v.createdAt} />,
      sortValue: (v) => v.createdAt,
      firstSort: 'desc',
    },
    { key: 'kind', header: 'Kind', cell: (v) => kindTitle(v.kind), sortValue: (v) => v.kind },
    {
      key: 'file',
      header: 'File',
      cell: (v) => (
        <button type="button" className="imports__link" onClick={() => onSelect(v.id)}>
          {v.filename}
        </button>
      ),
    },
    {
      key: 'mode',
      header: 'Bad rows',
      cell: (v) => (v.mode === 'valid-rows' ? 'left out' : 'import nothing'),
    },
    { key: 'status', header: 'Status', cell: (v) => <ImportStatusBadge view={v} /> },
    {
      key: 'imported',
      header: 'Imported',
      align: 'end',
      cell: (v) => v.rowsImported.toLocaleString('en-GB'),
    },
    {
      key: 'rejected',
      header: 'With errors',
      align: 'end',
      cell: (v) => v.rowsRejected.toLocaleString('en-GB'),
    },
    { key: 'by', header: 'By', cell: (v) => v.createdBy ?? '' },
  ];
  if (history.isError)
    return <ErrorPanel heading="Recent imports could not be loaded" error={history.error} />;
  return (
    <DataTable
      caption="Recent imports"
      columns={columns}
      rows={history.data?.imports ?? []}
      rowKey={(v) => v.id}
      empty={history.isPending ? 'Loading…' : 'No file has been imported yet.'}
    />
  );
}
