import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

export interface ProductionLineRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  capacityPerDay: number;
  leadTimeDays: number;
}

export interface OpenBatchRow {
  externalId: string;
  productId: number;
  sku: string;
  productName: string;
  lineCode: string | null;
  quantity: number;
  plannedStart: string;
  plannedEnd: string;
  actualEnd: string | null;
  status: string;
}

export async function queryProductionLines(db: Pick<Database, 'execute'>): Promise<ProductionLineRow[]> {
  return queryRows<ProductionLineRow>(
    db,
    sql`select id, code, name, kind, capacity_per_day as "capacityPerDay", lead_time_days as "leadTimeDays"
        from production_lines order by code`,
  );
}

/** Batches planned or running: receipts still to come, and capacity already taken. */
export async function queryOpenBatches(db: Pick<Database, 'execute'>): Promise<OpenBatchRow[]> {
  return queryRows<OpenBatchRow>(
    db,
    sql`select b.external_id as "externalId", b.product_id as "productId", p.sku, p.name as "productName",
               l.code as "lineCode", b.quantity, b.planned_start::text as "plannedStart",
               b.planned_end::text as "plannedEnd", b.actual_end::text as "actualEnd", b.status
        from production_batches b
        join products p on p.id = b.product_id
        left join production_lines l on l.id = b.line_id
        where b.status in ('planned', 'in_progress')
        order by b.planned_start, b.external_id`,
  );
}
