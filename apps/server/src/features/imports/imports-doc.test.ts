import { readFileSync } from 'node:fs';
import { describeColumnType, IMPORT_KINDS, IMPORT_TEMPLATES } from '@sentia/domain';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../../../../docs/imports.md', import.meta.url), 'utf8');

/** docs/imports.md documents every template as the code defines it (regenerate its tables when they change). */
describe('docs/imports.md', () => {
  it.each(IMPORT_KINDS)(
    'lists every column of the %s template with its type and whether it is required',
    (kind) => {
      const template = IMPORT_TEMPLATES[kind];
      const start = doc.indexOf(`### ${template.title} — \`${kind}\``);
      expect(start, `a section for ${kind}`).toBeGreaterThan(0);
      const next = doc.indexOf('\n### ', start + 1);
      const section = doc.slice(start, next < 0 ? undefined : next);
      for (const column of template.columns) {
        expect(section).toContain(
          `| \`${column.name}\` | ${column.required ? 'yes' : 'no'} | ${describeColumnType(column)} |`,
        );
      }
      expect(section).toContain(template.columns.map((c) => c.name).join(','));
    },
  );
});
