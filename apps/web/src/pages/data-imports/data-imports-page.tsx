import type { ImportKindName, ImportUploadResponse } from '@sentia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { PageHeader } from '../../ui/page-header';
import { ImportForm } from './import-form';
import { ImportHistory } from './import-history';
import { ImportResult } from './import-result';
import { importQuery } from './imports-api';
import { kindFromSearch } from './imports-model';
import { TemplateColumns } from './template-columns';
import './data-imports-page.css';

/**
 * Data › Imports: upload CSV or XLSX files of products, orders, stock levels, purchase orders,
 * invoices, production batches, payments or FX rates; follow the import as the worker runs it;
 * see every bad row; import the valid rows of a file that failed. `?kind=` preselects what to
 * import (the overview links here when data is missing), `?import=` shows one import.
 */
export default function DataImportsPage() {
  const crumbs = usePageCrumbs();
  const [search, setSearch] = useSearchParams();
  const kind = kindFromSearch(search);
  const importId = search.get('import');
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setSearch(next, { replace: true });
  };

  const started = (result: ImportUploadResponse) => {
    queryClient.setQueryData(importQuery(result.import.id).queryKey, result.import);
    setDuplicateOf(result.duplicate ? result.import.id : null);
    update({ import: result.import.id, kind: result.import.kind });
    void queryClient.invalidateQueries({ queryKey: ['imports', 'history'] });
  };

  // The history shows the new import's final counts once it finishes.
  useEffect(() => {
    if (!importId) return;
    return queryClient.getQueryCache().subscribe((event) => {
      const data = event.query.state.data as { status?: string } | undefined;
      if (event.type === 'updated' && event.query.queryKey[1] === importId && data?.status) {
        if (data.status === 'succeeded' || data.status === 'failed') {
          void queryClient.invalidateQueries({ queryKey: ['imports', 'history'], exact: true });
        }
      }
    });
  }, [importId, queryClient]);

  return (
    <>
      <PageHeader
        title="Imports"
        crumbs={crumbs}
        subtitle="Bring in data from spreadsheets: each kind has a template, and every row is checked before anything is written."
      />
      <div className="imports">
        <ImportForm
          kind={kind}
          onKindChange={(k: ImportKindName) => update({ kind: k })}
          onStarted={started}
        />
        {importId && (
          <ImportResult
            key={importId}
            importId={importId}
            duplicate={duplicateOf === importId}
            onStarted={started}
          />
        )}
        <TemplateColumns kind={kind} />
        <ImportHistory
          onSelect={(id) => {
            setDuplicateOf(null);
            update({ import: id });
          }}
        />
      </div>
    </>
  );
}
