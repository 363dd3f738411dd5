ALTER TABLE "dora_changes" ADD COLUMN "org_id" uuid;--> statement-breakpoint
ALTER TABLE "dora_deployment_changes" ADD COLUMN "org_id" uuid;--> statement-breakpoint
ALTER TABLE "dora_deployments" ADD COLUMN "org_id" uuid;--> statement-breakpoint
ALTER TABLE "dora_incidents" ADD COLUMN "org_id" uuid;--> statement-breakpoint
ALTER TABLE "github_pushed_commits" ADD COLUMN "org_id" uuid;--> statement-breakpoint
ALTER TABLE "dora_changes" ADD CONSTRAINT "dora_changes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dora_deployment_changes" ADD CONSTRAINT "dora_deployment_changes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dora_deployments" ADD CONSTRAINT "dora_deployments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dora_incidents" ADD CONSTRAINT "dora_incidents_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "github_pushed_commits" ADD CONSTRAINT "github_pushed_commits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;