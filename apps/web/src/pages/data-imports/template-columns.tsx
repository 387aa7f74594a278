import type { ImportKindName } from '@sentia/contracts';
import { describeColumnType, IMPORT_TEMPLATES, type TemplateColumn } from '@sentia/domain';
import { type Column, DataTable } from '../../ui/data-table';

const columns: Column<TemplateColumn>[] = [
  { key: 'name', header: 'Column', cell: (c) => <code>{c.name}</code> },
  { key: 'required', header: 'Required', cell: (c) => (c.required ? 'Yes' : 'No') },
  { key: 'type', header: 'Type', cell: (c) => describeColumnType(c) },
  { key: 'description', header: 'Meaning', cell: (c) => c.description },
];

/** The columns of a kind's template, as documented in docs/imports.md. */
export function TemplateColumns({ kind }: { kind: ImportKindName }) {
  const template = IMPORT_TEMPLATES[kind];
  return (
    <section className="panel" aria-labelledby="template-columns">
      <h2 id="template-columns">{template.title} template</h2>
      <p>
        {template.summary}{' '}
        {template.groupBy
          ? `One row per line: consecutive rows with the same ${template.groupBy} make one ${template.recordName}; if any of its rows has an error the whole ${template.recordName} is left out.`
          : `One row per ${template.recordName}.`}{' '}
        Header names are matched ignoring case, spaces and hyphens. Importing the same rows again changes
        nothing.
      </p>
      <DataTable
        caption={`Columns of the ${template.title.toLowerCase()} template`}
        hideCaption
        columns={columns}
        rows={template.columns}
        rowKey={(c) => c.name}
      />
    </section>
  );
}
