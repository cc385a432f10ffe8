-- Every committed article event is announced to every API process (LISTEN article_events),
-- so it reaches their live clients even when the process that wrote it dies right after the
-- commit. NOTIFY is delivered on commit, in commit order, never for a rollback. The payload is
-- the event itself when it fits (NOTIFY takes under 8000 bytes), else its article and seq,
-- and the listener reads it from the log.
-- (Prisma's migration runner splits scripts on semicolons, so the body spells them \073.)
CREATE FUNCTION article_events_notify() RETURNS trigger LANGUAGE plpgsql
  AS E'DECLARE payload text\073
BEGIN
  payload := json_build_object(''articleId'', NEW.article_id, ''seq'', NEW.seq, ''type'', NEW.type,
    ''actorId'', NEW.actor_id, ''at'', NEW.at, ''data'', NEW.data)::text\073
  IF octet_length(payload) > 7900 THEN
    payload := json_build_object(''articleId'', NEW.article_id, ''seq'', NEW.seq)::text\073
  END IF\073
  PERFORM pg_notify(''article_events'', payload)\073
  RETURN NULL\073
END\073';

CREATE TRIGGER article_events_notify
  AFTER INSERT ON article_events
  FOR EACH ROW EXECUTE FUNCTION article_events_notify();
