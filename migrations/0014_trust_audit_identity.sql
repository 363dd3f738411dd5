CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "token_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "person" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "workshop_id" uuid;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "voter_key_version" smallint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_workshop_idx" ON "audit_log" USING btree ("workshop_id","id");