-- DORA ids are unique per organisation (0017 backfilled org_id with the `default` organisation).
ALTER TABLE "dora_deployment_changes" DROP CONSTRAINT "dora_deployment_changes_deployment_id_dora_deployments_id_fk";
--> statement-breakpoint
DROP INDEX "dora_changes_service_idx";--> statement-breakpoint
DROP INDEX "dora_deployment_changes_env_status_at_idx";--> statement-breakpoint
DROP INDEX "dora_deployment_changes_change_idx";--> statement-breakpoint
DROP INDEX "dora_deployments_env_status_at_idx";--> statement-breakpoint
DROP INDEX "dora_deployments_service_at_idx";--> statement-breakpoint
DROP INDEX "dora_incidents_created_at_idx";--> statement-breakpoint
DROP INDEX "dora_incidents_root_cause_idx";--> statement-breakpoint
DROP INDEX "github_pushed_commits_repository_at_idx";--> statement-breakpoint
ALTER TABLE "dora_deployment_changes" DROP CONSTRAINT "dora_deployment_changes_deployment_id_change_id_pk";--> statement-breakpoint
ALTER TABLE "github_pushed_commits" DROP CONSTRAINT "github_pushed_commits_repository_sha_pk";--> statement-breakpoint
ALTER TABLE "dora_changes" DROP CONSTRAINT "dora_changes_pkey";--> statement-breakpoint
ALTER TABLE "dora_changes" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dora_deployment_changes" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dora_deployments" DROP CONSTRAINT "dora_deployments_pkey";--> statement-breakpoint
ALTER TABLE "dora_deployments" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dora_incidents" DROP CONSTRAINT "dora_incidents_pkey";--> statement-breakpoint
ALTER TABLE "dora_incidents" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "github_pushed_commits" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dora_changes" ADD CONSTRAINT "dora_changes_org_id_id_pk" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "dora_deployment_changes" ADD CONSTRAINT "dora_deployment_changes_org_id_deployment_id_change_id_pk" PRIMARY KEY("org_id","deployment_id","change_id");--> statement-breakpoint
ALTER TABLE "dora_deployments" ADD CONSTRAINT "dora_deployments_org_id_id_pk" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "dora_incidents" ADD CONSTRAINT "dora_incidents_org_id_id_pk" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "github_pushed_commits" ADD CONSTRAINT "github_pushed_commits_org_id_repository_sha_pk" PRIMARY KEY("org_id","repository","sha");--> statement-breakpoint
ALTER TABLE "dora_deployment_changes" ADD CONSTRAINT "dora_deployment_changes_org_id_deployment_id_dora_deployments_org_id_id_fk" FOREIGN KEY ("org_id","deployment_id") REFERENCES "public"."dora_deployments"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dora_changes_service_idx" ON "dora_changes" USING btree ("org_id","service");--> statement-breakpoint
CREATE INDEX "dora_deployment_changes_env_status_at_idx" ON "dora_deployment_changes" USING btree ("org_id","environment","status","deployed_at");--> statement-breakpoint
CREATE INDEX "dora_deployment_changes_change_idx" ON "dora_deployment_changes" USING btree ("org_id","change_id");--> statement-breakpoint
CREATE INDEX "dora_deployments_env_status_at_idx" ON "dora_deployments" USING btree ("org_id","environment","status","deployed_at");--> statement-breakpoint
CREATE INDEX "dora_deployments_service_at_idx" ON "dora_deployments" USING btree ("org_id","service","deployed_at");--> statement-breakpoint
CREATE INDEX "dora_incidents_created_at_idx" ON "dora_incidents" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "dora_incidents_root_cause_idx" ON "dora_incidents" USING btree ("org_id","root_cause_change_id");--> statement-breakpoint
CREATE INDEX "github_pushed_commits_repository_at_idx" ON "github_pushed_commits" USING btree ("org_id","repository","pushed_at");