CREATE TABLE "dora_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dora_deployment_changes" (
	"deployment_id" text NOT NULL,
	"change_id" text NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"status" text NOT NULL,
	"deployed_at" timestamp with time zone NOT NULL,
	"committed_at" timestamp with time zone,
	"lead_seconds" double precision GENERATED ALWAYS AS (date_part('epoch', deployed_at - committed_at)) STORED,
	CONSTRAINT "dora_deployment_changes_deployment_id_change_id_pk" PRIMARY KEY("deployment_id","change_id")
);
--> statement-breakpoint
CREATE TABLE "dora_deployments" (
	"id" text PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"status" text NOT NULL,
	"deployed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dora_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"root_cause_change_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dora_survey_answers" (
	"workshop_id" uuid NOT NULL,
	"respondent" text NOT NULL,
	"display_name" text,
	"deployment_frequency" text,
	"lead_time_for_changes" text,
	"time_to_restore" text,
	"change_failure_rate" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dora_survey_answers_workshop_id_respondent_pk" PRIMARY KEY("workshop_id","respondent")
);
--> statement-breakpoint
CREATE TABLE "github_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "github_pushed_commits" (
	"repository" text NOT NULL,
	"sha" text NOT NULL,
	"pushed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "github_pushed_commits_repository_sha_pk" PRIMARY KEY("repository","sha")
);
--> statement-breakpoint
ALTER TABLE "dora_deployment_changes" ADD CONSTRAINT "dora_deployment_changes_deployment_id_dora_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."dora_deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dora_survey_answers" ADD CONSTRAINT "dora_survey_answers_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dora_changes_service_idx" ON "dora_changes" USING btree ("service");--> statement-breakpoint
CREATE INDEX "dora_deployment_changes_env_status_at_idx" ON "dora_deployment_changes" USING btree ("environment","status","deployed_at");--> statement-breakpoint
CREATE INDEX "dora_deployment_changes_change_idx" ON "dora_deployment_changes" USING btree ("change_id");--> statement-breakpoint
CREATE INDEX "dora_deployments_env_status_at_idx" ON "dora_deployments" USING btree ("environment","status","deployed_at");--> statement-breakpoint
CREATE INDEX "dora_deployments_service_at_idx" ON "dora_deployments" USING btree ("service","deployed_at");--> statement-breakpoint
CREATE INDEX "dora_incidents_created_at_idx" ON "dora_incidents" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "dora_incidents_root_cause_idx" ON "dora_incidents" USING btree ("root_cause_change_id");--> statement-breakpoint
CREATE INDEX "github_pushed_commits_repository_at_idx" ON "github_pushed_commits" USING btree ("repository","pushed_at");