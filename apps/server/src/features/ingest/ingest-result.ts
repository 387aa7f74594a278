/** A record that was not written, and why (unknown reference, invalid field…). Never dropped silently. */
export interface Rejection {
  /** Position of the record in the input. */
  index: number;
  /** Its natural key as far as it could be read, e.g. `shopify:1001` or `GIN-LDN-70`. */
  key: string;
  reason: string;
}

/**
 * What an ingest call did. `read` = `written` + `skipped` + `rejected`: skipped records were valid
 * but not applied, because the stored row was modified later at the source, or a later record of
 * the same key in the same batch superseded them.
 */
export interface IngestResult {
  read: number;
  written: number;
  skipped: number;
  rejected: number;
  rejections: Rejection[];
}

export function emptyIngestResult(): IngestResult {
  return { read: 0, written: 0, skipped: 0, rejected: 0, rejections: [] };
}

/** Adds `more` into `total` (rejection indexes are kept as reported by each call). */
export function addIngestResult(total: IngestResult, more: IngestResult): IngestResult {
  total.read += more.read;
  total.written += more.written;
  total.skipped += more.skipped;
  total.rejected += more.rejected;
  total.rejections.push(...more.rejections);
  return total;
}
