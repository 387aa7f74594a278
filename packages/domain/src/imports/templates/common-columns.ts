import type { TemplateColumn } from '../import-template';

/** The optional source modification time every sourced kind accepts. */
export function updatedAtColumn(recordName: string, level?: 'record'): TemplateColumn {
  return {
    name: 'updated_at',
    type: 'datetime',
    required: false,
    level,
    description:
      `When your system last changed the ${recordName} (UTC unless a zone is given). A stored ${recordName} ` +
      'that its source changed later is kept as it is; when empty, the later import wins.',
  };
}

/** Spreads only the defined optional fields, so records carry no `undefined` properties. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key in fields) {
    if (fields[key] !== undefined) out[key] = fields[key];
  }
  return out;
}
