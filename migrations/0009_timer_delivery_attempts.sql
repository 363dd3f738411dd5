ALTER TABLE "timer_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "timer_events" ADD COLUMN "attempted_at" timestamp with time zone;