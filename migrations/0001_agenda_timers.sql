CREATE TABLE "agenda_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"result" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_bindings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	"conversation_ref" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timer_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"binding_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"item_version" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"lease_until" timestamp with time zone,
	"claims" integer DEFAULT 0 NOT NULL,
	"delivered_at" timestamp with time zone,
	"message_ref" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_facilitators" (
	"workshop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_facilitators_workshop_id_platform_user_id_pk" PRIMARY KEY("workshop_id","platform","user_id")
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "state" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "actual_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "actual_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "paused_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "extended_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_actions" ADD CONSTRAINT "agenda_actions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_bindings" ADD CONSTRAINT "channel_bindings_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timer_events" ADD CONSTRAINT "timer_events_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timer_events" ADD CONSTRAINT "timer_events_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timer_events" ADD CONSTRAINT "timer_events_binding_id_channel_bindings_id_fk" FOREIGN KEY ("binding_id") REFERENCES "public"."channel_bindings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_facilitators" ADD CONSTRAINT "workshop_facilitators_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_actions_key_uq" ON "agenda_actions" USING btree ("workshop_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_bindings_channel_uq" ON "channel_bindings" USING btree ("platform","channel_id");--> statement-breakpoint
CREATE INDEX "channel_bindings_workshop_idx" ON "channel_bindings" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "timer_events_due_idx" ON "timer_events" USING btree ("due_at") WHERE "timer_events"."status" in ('pending', 'claimed');--> statement-breakpoint
CREATE INDEX "timer_events_item_idx" ON "timer_events" USING btree ("agenda_item_id","binding_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timer_events_once_uq" ON "timer_events" USING btree ("agenda_item_id","binding_id","item_version","kind","seq");