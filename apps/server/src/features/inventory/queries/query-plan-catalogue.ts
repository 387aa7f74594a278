import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { toGbpMinorSql } from '../../analytics/fx-sql';

export interface PlanProduct {
  id: number;
  sku: string;
  name: string;
  unitCostMinor: number;
  costCurrency: string;
  /** Unit cost in GBP minor units (unrounded) at the as-of date’s rate; null when no rate is known. */
  unitCostGbpMinor: number | null;
  packSize: number;
  moq: number;
  leadTimeDays: number;
  supplierId: number | null;
  supplierCode: string | null;
  supplierName: string | null;
  supplierLeadTimeDays: number | null;
  /** The line most of its batches were made on, when it is made in-house or under contract. */
  lineId: number | null;
  lineCode: string | null;
  demo: boolean;
}

export interface PlanLocation {
  id: number;
  code: string;
  name: string;
  kind: string;
  regionCode: string;
}

export interface PlanChannel {
  id: number;
  code: string;
  kind: string;
  regionCode: string;
}

/** Active products with their supplier, production line and cost in GBP; locations; channels. */
export async function queryPlanCatalogue(
  db: Pick<Database, 'execute'>,
  asOf: string,
): Promise<{ products: PlanProduct[]; locations: PlanLocation[]; channels: PlanChannel[] }> {
  // One after another: this runs inside the plan's transaction, on one connection.
  const products = await queryRows<PlanProduct>(
    db,
    sql`select p.id, p.sku, p.name, p.unit_cost_minor::float8 as "unitCostMinor", p.cost_currency as "costCurrency",
                 (${toGbpMinorSql(sql`p.unit_cost_minor`, sql`p.cost_currency`, sql`${asOf}::date`)})::float8 as "unitCostGbpMinor",
                 p.pack_size as "packSize", p.moq, p.lead_time_days as "leadTimeDays",
                 p.supplier_id as "supplierId", s.code as "supplierCode", s.name as "supplierName",
                 s.lead_time_days as "supplierLeadTimeDays",
                 line.id as "lineId", line.code as "lineCode", p.source = 'demo' as demo
          from products p
          left join suppliers s on s.id = p.supplier_id
          left join lateral (
            select l.id, l.code from production_batches b join production_lines l on l.id = b.line_id
            where b.product_id = p.id and b.status <> 'cancelled'
            group by l.id, l.code order by count(*) desc, max(b.planned_start) desc limit 1
          ) line on true
          where p.active
          order by p.sku`,
  );
  const locations = await queryRows<PlanLocation>(
    db,
    sql`select id, code, name, kind, region_code as "regionCode" from locations order by id`,
  );
  const channels = await queryRows<PlanChannel>(
    db,
    sql`select id, code, kind, region_code as "regionCode" from channels order by id`,
  );
  return { products, locations, channels };
}
