import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

export interface CatalogueNames {
  regions: Map<string, string>;
  channels: Map<string, string>;
  products: Map<string, string>;
}

/** Display names of regions, channels and SKUs, for series labels. */
export async function queryNames(db: Database): Promise<CatalogueNames> {
  const rows = await queryRows<{ kind: string; code: string; name: string }>(
    db,
    sql`select 'region' as kind, code, name from regions
        union all select 'channel', code, name from channels
        union all select 'product', sku, name from products`,
  );
  const names: CatalogueNames = { regions: new Map(), channels: new Map(), products: new Map() };
  for (const row of rows) {
    const map =
      row.kind === 'region' ? names.regions : row.kind === 'channel' ? names.channels : names.products;
    map.set(row.code, row.name);
  }
  return names;
}

/** Whether any sales exist, and whether any come from the labelled demo data set. */
export async function querySalesPresence(db: Database): Promise<{ sales: boolean; demo: boolean }> {
  const [row] = await queryRows<{ sales: boolean; demo: boolean }>(
    db,
    sql`select exists(select 1 from sales_daily) as sales, exists(select 1 from orders where source = 'demo') as demo`,
  );
  return { sales: Boolean(row?.sales), demo: Boolean(row?.demo) };
}
