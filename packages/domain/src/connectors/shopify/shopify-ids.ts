/**
 * The id part of a Shopify GID (`gid://shopify/Order/450789469` → `450789469`). Ids are compared
 * as strings: they can exceed 2^53, so they are never parsed as numbers.
 */
export function gidTail(gid: string): string {
  const index = gid.lastIndexOf('/');
  const tail = index < 0 ? gid : gid.slice(index + 1);
  // Some GIDs carry parameters (`…/InventoryLevel/123?inventory_item_id=456`).
  return tail.split('?')[0]!;
}

/** A business date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an instant: "${iso}"`);
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return instant.toISOString().slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
