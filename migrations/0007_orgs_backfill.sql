-- Everything made before organisations existed belongs to the `default` organisation. Re-runnable.
INSERT INTO "orgs" ("name") VALUES ('default') ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
UPDATE "workshops" SET "org_id" = (SELECT "id" FROM "orgs" WHERE "name" = 'default') WHERE "org_id" IS NULL;--> statement-breakpoint
UPDATE "api_tokens" SET "org_id" = (SELECT "id" FROM "orgs" WHERE "name" = 'default')
  WHERE "org_id" IS NULL AND "role" <> 'admin' AND "name" <> 'in-process bots';
