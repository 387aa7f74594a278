import { type CsvCell, downloadText, toCsv } from '../../ui/csv';

/** Downloads a table's rows as CSV (amounts in exact minor units, so nothing is rounded away). */
export function CsvButton(props: {
  name: string;
  build: () => { header: string[]; rows: CsvCell[][] };
  label?: string;
}) {
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        const { header, rows } = props.build();
        downloadText(`${props.name}.csv`, toCsv(header, rows));
      }}
    >
      {props.label ?? 'Export CSV'}
    </button>
  );
}
