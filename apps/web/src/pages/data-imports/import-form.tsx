import type { ImportKindName, ImportModeName, ImportUploadResponse } from '@sentia/contracts';
import { IMPORT_KINDS, IMPORT_TEMPLATES } from '@sentia/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { ErrorPanel } from '../../ui/error-panel';
import { importLimitsQuery, templatePath, uploadImport } from './imports-api';
import { formatSize } from './imports-model';

export interface ImportFormProps {
  kind: ImportKindName;
  onKindChange(kind: ImportKindName): void;
  onStarted(result: ImportUploadResponse): void;
}

/** Choose what to import, the file and what to do with bad rows; download the template. */
export function ImportForm({ kind, onKindChange, onStarted }: ImportFormProps) {
  const [mode, setMode] = useState<ImportModeName>('all-or-nothing');
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const limits = useQuery(importLimitsQuery());
  const ids = { kind: useId(), file: useId(), hint: useId() };
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadImport(kind, mode, chosen),
    onSuccess: (result) => {
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onStarted(result);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };

  return (
    <form className="panel imports__form" onSubmit={submit} aria-labelledby={`${ids.kind}-heading`}>
      <h2 id={`${ids.kind}-heading`}>Import a file</h2>
      <div className="imports__fields">
        <div className="imports__field">
          <label htmlFor={ids.kind}>What the file contains</label>
          <select id={ids.kind} value={kind} onChange={(e) => onKindChange(e.target.value as ImportKindName)}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {IMPORT_TEMPLATES[k].title}
              </option>
            ))}
          </select>
        </div>
        <div className="imports__field">
          <label htmlFor={ids.file}>File (CSV or XLSX)</label>
          <input
            id={ids.file}
            ref={fileInput}
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={ids.hint}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <p className="imports__hint" id={ids.hint}>
            {limits.data ? `Up to ${formatSize(limits.data.maxUploadBytes)}. ` : ''}
            CSV in UTF-8 (comma, semicolon or tab separated); for XLSX the first sheet is read.
          </p>
        </div>
      </div>
      <fieldset className="imports__modes">
        <legend>When some rows have errors</legend>
        <label>
          <input
            type="radio"
            name="mode"
            value="all-or-nothing"
            checked={mode === 'all-or-nothing'}
            onChange={() => setMode('all-or-nothing')}
          />
          Import nothing if any row has an error (all or nothing; the valid rows can be imported afterwards)
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="valid-rows"
            checked={mode === 'valid-rows'}
            onChange={() => setMode('valid-rows')}
          />
          Import the valid rows and report the others
        </label>
      </fieldset>
      <div className="imports__actions">
        <button type="submit" className="button button--primary" disabled={!file || upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload and import'}
        </button>
        <span className="imports__templates">
          {IMPORT_TEMPLATES[kind].title} template:{' '}
          <a href={templatePath(kind, 'csv')} download>
            CSV
          </a>{' '}
          ·{' '}
          <a href={templatePath(kind, 'xlsx')} download>
            XLSX
          </a>
        </span>
      </div>
      {upload.isError && <ErrorPanel heading="The file was not accepted" error={upload.error} compact />}
    </form>
  );
}
