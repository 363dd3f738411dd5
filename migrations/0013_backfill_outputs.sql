-- Every session's `outputs` of the workshops created before outputs were tracked become tracked
-- outputs, open. Re-runnable: an output already there (same session, same position) is left alone.
INSERT INTO "workshop_outputs" ("workshop_id", "agenda_item_id", "position", "title", "status", "created_at", "updated_at")
SELECT ai."workshop_id", ai."id", (o.ord - 1)::integer, o.title, 'open', now(), now()
FROM "agenda_items" ai
CROSS JOIN LATERAL jsonb_array_elements_text(ai."outputs") WITH ORDINALITY AS o(title, ord)
ON CONFLICT ("agenda_item_id", "position") DO NOTHING;
