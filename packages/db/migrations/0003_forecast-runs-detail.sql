ALTER TABLE "forecast_runs" ADD COLUMN "trigger" text DEFAULT 'data-changed' NOT NULL;--> statement-breakpoint
ALTER TABLE "forecast_runs" ADD COLUMN "reconciliation" text DEFAULT 'bottom-up' NOT NULL;--> statement-breakpoint
ALTER TABLE "forecast_runs" ADD COLUMN "history_start" date;--> statement-breakpoint
ALTER TABLE "forecast_runs" ADD COLUMN "history_end" date;--> statement-breakpoint
ALTER TABLE "forecast_runs" ADD COLUMN "duration_ms" integer;--> statement-breakpoint
ALTER TABLE "forecast_series" ADD COLUMN "level" text DEFAULT 'sku-channel' NOT NULL;--> statement-breakpoint
ALTER TABLE "forecast_series" ADD COLUMN "model" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "forecast_series" ADD COLUMN "demand_class" text;--> statement-breakpoint
ALTER TABLE "forecast_series" ADD COLUMN "history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "forecast_values" ADD COLUMN "base_point" double precision;--> statement-breakpoint
ALTER TABLE "forecast_values" ADD COLUMN "seasonal_index" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "forecast_runs_latest_idx" ON "forecast_runs" USING btree ("granularity","status","finished_at");