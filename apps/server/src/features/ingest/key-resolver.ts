import { type Database, queryRows } from '@sentia/db';
import { type SQL, sql } from 'drizzle-orm';

/** The natural keys records use to point at each other, and the tables they resolve in. */
export type KeyKind =
  | 'product'
  | 'channel'
  | 'location'
  | 'supplier'
  | 'customer'
  | 'productionLine'
  | 'bankAccount'
  | 'invoice';

const CODE_LOOKUPS: Record<Exclude<KeyKind, 'bankAccount' | 'invoice'>, SQL> = {
  product: sql`select id, sku as code from products where sku = any`,
  channel: sql`select id, code from channels where code = any`,
  location: sql`select id, code from locations where code = any`,
  supplier: sql`select id, code from suppliers where code = any`,
  customer: sql`select id, code from customers where code = any`,
  productionLine: sql`select id, code from production_lines where code = any`,
};

const SOURCED_TABLES = { bankAccount: sql.raw('bank_accounts'), invoice: sql.raw('invoices') } as const;

/** Key of a record that is unique per source (invoices, bank accounts): source and external id. */
export function sourcedKey(source: string, externalId: string): string {
  return `${source}\u001f${externalId}`;
}

/**
 * Resolves natural keys (SKU, channel code, …) to database ids with one query per kind for a whole
 * batch, then answers from memory. Made per batch, inside its transaction, so it sees rows the
 * same transaction wrote and never serves an id a rolled-back batch created.
 */
export class KeyResolver {
  private readonly ids = new Map<KeyKind, Map<string, number>>();

  constructor(private readonly db: Database) {}

  async load(kind: KeyKind, keys: Iterable<string>): Promise<void> {
    const known = this.ids.get(kind) ?? new Map<string, number>();
    this.ids.set(kind, known);
    const wanted = [...new Set(keys)].filter((k) => !known.has(k));
    if (wanted.length === 0) return;
    if (kind === 'bankAccount' || kind === 'invoice') {
      const bySource = new Map<string, string[]>();
      for (const key of wanted) {
        const [source, externalId] = key.split('\u001f') as [string, string];
        const list = bySource.get(source);
        if (list) list.push(externalId);
        else bySource.set(source, [externalId]);
      }
      for (const [source, externalIds] of bySource) {
        const rows = await queryRows<{ id: number | string; external_id: string }>(
          this.db,
          sql`select id, external_id from ${SOURCED_TABLES[kind]}
              where source = ${source} and external_id = any(${sql.param(externalIds)}::text[])`,
        );
        for (const row of rows) known.set(sourcedKey(source, row.external_id), Number(row.id));
      }
      return;
    }
    const rows = await queryRows<{ id: number | string; code: string }>(
      this.db,
      sql`${CODE_LOOKUPS[kind]}(${sql.param(wanted)}::text[])`,
    );
    for (const row of rows) known.set(row.code, Number(row.id));
  }

  /**
   * Loads the keys of several kinds at once: the code kinds in one round trip (a UNION ALL of the
   * per-kind lookups), the per-source kinds one by one as `load` does.
   */
  async loadAll(byKind: ReadonlyMap<KeyKind, Iterable<string>>): Promise<void> {
    const parts: SQL[] = [];
    for (const [kind, keys] of byKind) {
      if (kind === 'bankAccount' || kind === 'invoice') {
        await this.load(kind, keys);
        continue;
      }
      const known = this.ids.get(kind) ?? new Map<string, number>();
      this.ids.set(kind, known);
      const wanted = [...new Set(keys)].filter((k) => !known.has(k));
      if (wanted.length > 0) {
        parts.push(
          sql`select ${kind}::text as kind, id, code from (${CODE_LOOKUPS[kind]}(${sql.param(wanted)}::text[])) as q`,
        );
      }
    }
    if (parts.length === 0) return;
    const rows = await queryRows<{ kind: KeyKind; id: number | string; code: string }>(
      this.db,
      sql.join(parts, sql` union all `),
    );
    for (const row of rows) this.ids.get(row.kind)!.set(row.code, Number(row.id));
  }

  /** The id of a loaded key, or undefined when no such row exists. */
  id(kind: KeyKind, key: string): number | undefined {
    return this.ids.get(kind)?.get(key);
  }
}
