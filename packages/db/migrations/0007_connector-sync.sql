CREATE TABLE "connector_states" (
	"connector" text PRIMARY KEY NOT NULL,
	"sandbox" boolean DEFAULT false NOT NULL,
	"sandbox_dataset" jsonb,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"degraded_since" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"pending_run_id" uuid,
	"pending_requested_at" timestamp with time zone,
	"pending_requested_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "trigger" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "requested_by" uuid;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "detail" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active" ON "sync_runs" USING btree ("connector") WHERE "sync_runs"."status" = 'running' and "sync_runs"."kind" in ('full', 'incremental');--> statement-breakpoint
CREATE INDEX "sync_runs_connector_started_idx" ON "sync_runs" USING btree ("connector","started_at");