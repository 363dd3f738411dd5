-- Audit rows written before token_id / workshop_id existed: the token from "token:<id>" actors, the
-- workshop from workshop entities or a workshopId in the details (only ids of workshops that exist).
UPDATE "audit_log" SET "token_id" = substring("actor" from 7)::uuid
  WHERE "token_id" IS NULL AND "actor" ~ '^token:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
--> statement-breakpoint
UPDATE "audit_log" a SET "workshop_id" = w."id" FROM "workshops" w
  WHERE a."workshop_id" IS NULL
    AND w."id"::text = CASE WHEN a."entity_type" = 'workshop' THEN a."entity_id" ELSE a."details"->>'workshopId' END;
--> statement-breakpoint
UPDATE "audit_log" SET "person" = "actor"
  WHERE "person" IS NULL AND "actor" !~ '^(token|system|github):' AND "actor" <> 'system';
