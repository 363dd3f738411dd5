CREATE TABLE "line_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"priority" text,
	"timeframe" text,
	"author" text NOT NULL,
	"author_name" text DEFAULT '' NOT NULL,
	"source" jsonb,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"options" jsonb NOT NULL,
	"factors" jsonb NOT NULL,
	"views" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scale" text NOT NULL,
	"multiple" boolean DEFAULT false NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"blind" boolean DEFAULT true NOT NULL,
	"closes_at" timestamp with time zone,
	"revealed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text
);
--> statement-breakpoint
CREATE TABLE "session_feedback" (
	"workshop_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"person" text NOT NULL,
	"rating" smallint,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_feedback_agenda_item_id_person_pk" PRIMARY KEY("agenda_item_id","person")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"poll_id" uuid NOT NULL,
	"view" text DEFAULT '' NOT NULL,
	"option_key" text NOT NULL,
	"factor_key" text NOT NULL,
	"voter" text NOT NULL,
	"voter_name" text DEFAULT '' NOT NULL,
	"value" smallint NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "votes_poll_id_view_option_key_factor_key_voter_pk" PRIMARY KEY("poll_id","view","option_key","factor_key","voter")
);
--> statement-breakpoint
DROP INDEX "timer_events_once_uq";--> statement-breakpoint
ALTER TABLE "timer_events" ADD COLUMN "poll_id" uuid;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "line_items_workshop_idx" ON "line_items" USING btree ("workshop_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "line_items_idempotency_key_uq" ON "line_items" USING btree ("workshop_id","idempotency_key") WHERE "line_items"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "polls_workshop_idx" ON "polls" USING btree ("workshop_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "polls_idempotency_key_uq" ON "polls" USING btree ("workshop_id","idempotency_key") WHERE "polls"."idempotency_key" is not null;--> statement-breakpoint
ALTER TABLE "timer_events" ADD CONSTRAINT "timer_events_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "timer_events_poll_once_uq" ON "timer_events" USING btree ("poll_id","binding_id","kind") WHERE "timer_events"."poll_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "timer_events_once_uq" ON "timer_events" USING btree ("agenda_item_id","binding_id","item_version","kind","seq") WHERE "timer_events"."poll_id" is null;