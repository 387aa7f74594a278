ALTER TABLE "inventory_policies" DROP CONSTRAINT "inventory_policies_natural_key";--> statement-breakpoint
ALTER TABLE "inventory_policies" ALTER COLUMN "location_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory_policies" ALTER COLUMN "economic_order_quantity" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory_policies" ADD COLUMN "as_of" date;--> statement-breakpoint
ALTER TABLE "inventory_policies" ADD COLUMN "data_version" text;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "proposed_quantity" integer;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "unit_cost_minor" bigint;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "amount_gbp_minor" bigint;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "expected_delivery" date;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "ordered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "data_version" text;--> statement-breakpoint
ALTER TABLE "purchase_proposals" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "purchase_proposals_status_idx" ON "purchase_proposals" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_proposals_open_product" ON "purchase_proposals" USING btree ("product_id") WHERE status = 'proposed';--> statement-breakpoint
ALTER TABLE "inventory_policies" ADD CONSTRAINT "inventory_policies_natural_key" UNIQUE NULLS NOT DISTINCT("product_id","location_id");