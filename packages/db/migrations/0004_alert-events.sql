CREATE TABLE "alert_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"instance" text NOT NULL,
	"severity" text NOT NULL,
	"summary" text NOT NULL,
	"description" text NOT NULL,
	"value" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"active_since" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_events_open_key" ON "alert_events" USING btree ("name","instance") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "alert_events_fired_at_idx" ON "alert_events" USING btree ("fired_at");