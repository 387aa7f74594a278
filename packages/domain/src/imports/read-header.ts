import { findColumn, type ImportTemplate, normaliseColumnName, type TemplateColumn } from './import-template';

/** A problem with one cell, row or column of an uploaded file. Lines count from 1, as spreadsheets do. */
export interface RowError {
  line: number;
  /** The template column at fault; null when the whole row is. */
  column: string | null;
  /** The offending cell as written (shortened), when there is one. */
  value: string | null;
  reason: string;
}

export interface HeaderPlan {
  /** Template column of each cell position; undefined for an unnamed (empty) header cell. */
  columns: (TemplateColumn | undefined)[];
  /** Cell position of each template column present. */
  positions: ReadonlyMap<string, number>;
  errors: RowError[];
}

/**
 * Matches a header row to the template: names are compared after trimming, lower-casing and
 * turning spaces and hyphens into underscores. Unknown, repeated and missing required columns are
 * all reported (a typo in an optional column would otherwise drop its data silently).
 */
export function readHeader(template: ImportTemplate, header: readonly string[], line: number): HeaderPlan {
  const errors: RowError[] = [];
  const columns: (TemplateColumn | undefined)[] = [];
  const positions = new Map<string, number>();
  header.forEach((raw, index) => {
    const name = normaliseColumnName(raw);
    if (name === '') {
      columns.push(undefined);
      return;
    }
    const column = findColumn(template, name);
    if (!column) {
      const near = closestName(template, name);
      errors.push({
        line,
        column: null,
        value: shorten(raw),
        reason: `unknown column "${raw.trim()}"${near ? ` (did you mean ${near}?)` : ''}; the ${template.title.toLowerCase()} template's columns are ${template.columns.map((c) => c.name).join(', ')}`,
      });
      columns.push(undefined);
      return;
    }
    const earlier = positions.get(column.name);
    if (earlier !== undefined) {
      errors.push({
        line,
        column: column.name,
        value: shorten(raw),
        reason: `column ${column.name} appears twice (columns ${earlier + 1} and ${index + 1})`,
      });
      columns.push(undefined);
      return;
    }
    positions.set(column.name, index);
    columns.push(column);
  });
  for (const column of template.columns) {
    if (column.required && !positions.has(column.name)) {
      errors.push({ line, column: column.name, value: null, reason: 'required column is missing' });
    }
  }
  return { columns, positions, errors };
}

/** Cell text as shown in a report: at most 200 characters. */
export function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function closestName(template: ImportTemplate, name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const column of template.columns) {
    const distance = editDistance(name, column.name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: column.name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
