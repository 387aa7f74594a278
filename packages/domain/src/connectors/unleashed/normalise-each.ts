import type { UnleashedNormalised } from './unleashed-types';

/**
 * Runs `convert` on each item; an item that throws (a malformed date, an amount that is not a
 * number) becomes a rejection with its key and the reason, and the others carry on.
 */
export function collect<T, R>(
  items: readonly T[],
  keyOf: (item: T) => string,
  convert: (item: T, out: UnleashedNormalised<R>) => void,
): UnleashedNormalised<R> {
  const out: UnleashedNormalised<R> = { records: [], rejections: [], skipped: [] };
  for (const item of items) {
    const records = out.records.length;
    try {
      convert(item, out);
    } catch (error) {
      out.records.length = records;
      out.rejections.push({
        key: keyOf(item),
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return out;
}
