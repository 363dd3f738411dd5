-- Relays wake for the next due message instead of polling: every timer message written (pending) or
-- delivered (which releases the poll cards and feedback prompts waiting for it) sends a NOTIFY on
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
  FOR EACH ROW WHEN (NEW.status IN ('pending', 'delivered'))
  EXECUTE FUNCTION baton_timer_events_notify();
