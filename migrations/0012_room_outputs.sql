CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"view" text NOT NULL,
	"agenda_item_id" uuid,
	"option" text NOT NULL,
	"rationale" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mitigations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recommended" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"gaps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by" text NOT NULL,
	"decided_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "swot_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"option" text NOT NULL,
	"quadrant" text NOT NULL,
	"text" text NOT NULL,
	"author" text NOT NULL,
	"author_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_matrices" (
	"workshop_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"input" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_matrices_workshop_id_kind_pk" PRIMARY KEY("workshop_id","kind")
);
--> statement-breakpoint
CREATE TABLE "workshop_outputs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "owner" text;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "likelihood" integer;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "impact" integer;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "work_packages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "review_outcome" text;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swot_entries" ADD CONSTRAINT "swot_entries_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swot_entries" ADD CONSTRAINT "swot_entries_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_matrices" ADD CONSTRAINT "workshop_matrices_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_outputs" ADD CONSTRAINT "workshop_outputs_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_outputs" ADD CONSTRAINT "workshop_outputs_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_workshop_view_uq" ON "decisions" USING btree ("workshop_id","view");--> statement-breakpoint
CREATE INDEX "swot_entries_workshop_idx" ON "swot_entries" USING btree ("workshop_id","option","quadrant","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_outputs_item_position_uq" ON "workshop_outputs" USING btree ("agenda_item_id","position");--> statement-breakpoint
CREATE INDEX "workshop_outputs_workshop_idx" ON "workshop_outputs" USING btree ("workshop_id");