-- Four-key data made before DORA ids were per organisation belongs to the `default` organisation. Re-runnable.
INSERT INTO "orgs" ("name") VALUES ('default') ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
UPDATE "dora_changes" SET "org_id" = (SELECT "id" FROM "orgs" WHERE "name" = 'default') WHERE "org_id" IS NULL;--> statement-breakpoint
UPDATE "dora_deployments" SET "org_id" = (SELECT "id" FROM "orgs" WHERE "name" = 'default') WHERE "org_id" IS NULL;--> statement-breakpoint
UPDATE "dora_deployment_changes" SET "org_id" = (SELECT "id" FROM "orgs" WHERE "name" = 'default') WHERE "org_id" IS NULL;--> statement-breakpoint
UPDATE "dora_incidents" SET "org_id" = (SELECT "id" FROM "orgs" WHERE "name" = 'default') WHERE "org_id" IS NULL;--> statement-breakpoint
UPDATE "github_pushed_commits" SET "org_id" = (SELECT "id" FROM "orgs" WHERE "name" = 'default') WHERE "org_id" IS NULL;
