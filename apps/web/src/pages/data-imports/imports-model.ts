import type { ImportKindName, ImportStatusName, ImportView } from '@sentia/contracts';
import { IMPORT_KINDS, IMPORT_TEMPLATES, type ImportKind } from '@sentia/domain';

export const DEFAULT_KIND: ImportKindName = 'orders';

/** The kind named in `?kind=`, when it is one (links from the overview's data gaps use it). */
export function kindFromSearch(search: URLSearchParams): ImportKindName {
  const kind = search.get('kind');
  return kind && (IMPORT_KINDS as readonly string[]).includes(kind) ? (kind as ImportKindName) : DEFAULT_KIND;
}

export function kindTitle(kind: string): string {
  return IMPORT_TEMPLATES[kind as ImportKind]?.title ?? kind;
}

export const STATUS_TEXT: Record<ImportStatusName, string> = {
  validating: 'Queued',
  importing: 'Importing',
  succeeded: 'Imported',
  failed: 'Failed',
};

/** The badge modifier for a status (colour is never the only cue: the word is shown too). */
export function statusTone(status: ImportStatusName): 'ok' | 'down' | 'degraded' {
  if (status === 'succeeded') return 'ok';
  if (status === 'failed') return 'down';
  return 'degraded';
}

export function isFinished(view: Pick<ImportView, 'status'>): boolean {
  return view.status === 'succeeded' || view.status === 'failed';
}

const count = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

/** One line on how far a running import is. */
export function progressText(view: ImportView): string {
  if (view.status === 'validating') return 'Waiting for the worker to start the import…';
  if (view.status === 'importing') {
    return `Reading the file: ${view.percent}% (${count(view.rowsRead, 'row')} read${view.errorCount > 0 ? `, ${count(view.errorCount, 'error')} so far` : ''}).`;
  }
  return view.message ?? STATUS_TEXT[view.status];
}

/**
 * The rows a valid-rows retry would import, when retrying helps: the import failed only because
 * some rows were bad (not the header, the file itself or its size).
 */
export function validRowsOnRetry(view: ImportView): number | null {
  if (view.status !== 'failed' || !view.canRetry || view.mode !== 'all-or-nothing') return null;
  const valid = view.rowsTotal - view.rowsRejected;
  return view.rowsRejected > 0 && valid > 0 ? valid : null;
}

/** What the numbers of a finished import mean, in words. */
export function resultFacts(view: ImportView): { label: string; value: string }[] {
  const facts = [
    { label: 'Rows in the file', value: view.rowsTotal.toLocaleString('en-GB') },
    { label: 'Rows imported', value: view.rowsImported.toLocaleString('en-GB') },
    { label: 'Rows with errors', value: view.rowsRejected.toLocaleString('en-GB') },
  ];
  if (view.status === 'succeeded') {
    const title = kindTitle(view.kind).toLowerCase();
    facts.push({
      label: `${kindTitle(view.kind)} written`,
      value: view.recordsWritten.toLocaleString('en-GB'),
    });
    if (view.recordsKept > 0) {
      facts.push({
        label: `${title} kept (changed later at their source)`,
        value: view.recordsKept.toLocaleString('en-GB'),
      });
    }
  }
  return facts;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
