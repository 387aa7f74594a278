import type { Database } from '@sentia/db';
import { checkRecord, type SourcedRecord } from '@sentia/domain';
import type { z } from 'zod';
import type { IngestResult, Rejection } from './ingest-result';
import { type KeyKind, KeyResolver } from './key-resolver';

/** A natural key a record points at, e.g. `{ kind: 'product', key: 'GIN-LDN-70', label: 'sku' }`. */
export interface Reference {
  kind: KeyKind;
  key: string;
  /** How the reference is named in a rejection reason: `unknown sku "GIN-XX"`. */
  label: string;
  /** The key as the source wrote it, when `key` is a composite lookup key. */
  shown?: string;
}

/** How one kind of record is validated, keyed, resolved and written. */
export interface IngestSpec<R extends SourcedRecord> {
  schema: z.ZodType<R>;
  /** The record's natural key, for in-batch duplicates and rejection reports. */
  keyOf(record: R): string;
  references?(record: R): Reference[];
  /**
   * Writes valid records whose references all resolved, inside the batch's transaction; returns
   * how many rows were inserted or updated (rows the later-wins guard kept are not counted).
   */
  write(tx: Database, records: R[], keys: KeyResolver): Promise<number>;
}

/**
 * The path every source's records take into the database: validate each record, keep the latest
 * of duplicates within the batch, resolve natural keys, then write the batch in one transaction.
 * Invalid records and records pointing at unknown keys are rejected with a reason and the rest
 * written; if writing fails, the transaction rolls back and the error propagates (nothing of the
 * batch is left half-written). Pass a transaction as `db` to join an outer one.
 */
export async function runIngest<R extends SourcedRecord>(
  db: Database,
  input: readonly unknown[],
  spec: IngestSpec<R>,
): Promise<IngestResult> {
  const rejections: Rejection[] = [];
  const latest = new Map<string, { index: number; record: R }>();
  let superseded = 0;
  input.forEach((raw, index) => {
    const check = checkRecord(spec.schema, raw);
    if (!check.ok) {
      rejections.push({ index, key: readableKey(spec, raw), reason: check.reason });
      return;
    }
    const key = spec.keyOf(check.value);
    const previous = latest.get(key);
    if (previous) {
      superseded++;
      if (isOlder(check.value, previous.record)) return;
    }
    latest.set(key, { index, record: check.value });
  });

  let written = 0;
  let valid = 0;
  if (latest.size > 0) {
    written = await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Database;
      const keys = new KeyResolver(tx);
      const entries = [...latest.values()];
      const references = entries.map((e) => spec.references?.(e.record) ?? NO_REFERENCES);
      // Distinct keys per kind, gathered without flattening (a batch can name millions of references).
      const byKind = new Map<KeyKind, Set<string>>();
      for (const refs of references) {
        for (const ref of refs) {
          const set = byKind.get(ref.kind);
          if (set) set.add(ref.key);
          else byKind.set(ref.kind, new Set([ref.key]));
        }
      }
      await keys.loadAll(byKind);
      const ready: R[] = [];
      entries.forEach((entry, i) => {
        const refs = references[i]!;
        if (refs.every((ref) => keys.id(ref.kind, ref.key) !== undefined)) {
          ready.push(entry.record);
          return;
        }
        const missing = refs.filter((ref) => keys.id(ref.kind, ref.key) === undefined);
        const reason = missing.map((ref) => `unknown ${ref.label} "${ref.shown ?? ref.key}"`).join('; ');
        rejections.push({ index: entry.index, key: spec.keyOf(entry.record), reason });
      });
      valid = ready.length;
      return ready.length > 0 ? spec.write(tx, ready, keys) : 0;
    });
  }
  rejections.sort((a, b) => a.index - b.index);
  return {
    read: input.length,
    written,
    skipped: superseded + (valid - written),
    rejected: rejections.length,
    rejections,
  };
}

const NO_REFERENCES: readonly Reference[] = [];

/** Of two records with the same key, the one the source modified earlier (ties: the earlier in the batch). */
function isOlder(candidate: SourcedRecord, kept: SourcedRecord): boolean {
  if (!candidate.sourceUpdatedAt || !kept.sourceUpdatedAt) return false;
  return Date.parse(candidate.sourceUpdatedAt) < Date.parse(kept.sourceUpdatedAt);
}

function readableKey<R extends SourcedRecord>(spec: IngestSpec<R>, raw: unknown): string {
  try {
    return String(spec.keyOf(raw as R) ?? '');
  } catch {
    return '';
  }
}
