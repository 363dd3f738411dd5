-- Relays wake for the next due message instead of polling: every timer message written (pending), and
-- every start or poll message delivered (which releases the poll cards, their updates and the feedback
-- prompt waiting to thread under it), sends a NOTIFY on
-- `baton_timer_events` when its transaction commits. PostgreSQL folds identical notifications of one
-- transaction into one, so a transition that writes many rows wakes each listener once.
CREATE OR REPLACE FUNCTION baton_timer_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('baton_timer_events', '');
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS timer_events_notify ON "timer_events";--> statement-breakpoint
CREATE TRIGGER timer_events_notify
  AFTER INSERT OR UPDATE OF status ON "timer_events"
  FOR EACH ROW WHEN (NEW.status = 'pending' OR (NEW.status = 'delivered' AND NEW.kind IN ('started', 'poll')))
  EXECUTE FUNCTION baton_timer_events_notify();
