ALTER TABLE "agenda_actions" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "request_hash" text;--> statement-breakpoint
-- Workshops kept a hash of another shape (the body alone): unknown now, so a retry sent before this
-- release is still answered with its workshop instead of a 422.
UPDATE "workshops" SET "request_hash" = NULL WHERE "request_hash" IS NOT NULL;
