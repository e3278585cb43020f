-- Outbox rows the relay could not publish for a reason that retrying cannot cure (too large for the broker, not
-- serializable, invalid topic, not authorized): moved here with the reason, so the rest of the outbox keeps draining.
-- An operator lists them (GET /admin/outbox/parked) and clears them (DELETE /admin/outbox/parked/{id}).
CREATE TABLE outbox_parked (
    id         bigint PRIMARY KEY,
    topic      text NOT NULL,
    msg_key    text NOT NULL,
    ce_id      text,
    ce_type    text,
    ce_time    timestamptz,
    payload    bytea,
    created_at timestamptz NOT NULL,
    reason     text NOT NULL,
    parked_at  timestamptz NOT NULL DEFAULT now()
);

-- The blast-radius guard's memory, shared by every replica: one row, the recent DOWNs as {targetId: epoch millis}
-- (the database's clock, so replicas' clocks do not matter). Recording a DOWN is one UPDATE of this row: concurrent
-- recorders serialize on its row lock, and READ COMMITTED evaluates the second UPDATE on the row the first committed,
-- so each sees the DOWNs of the others. tripped_now: whether the last recorded DOWN is the one that tripped the guard.
CREATE TABLE blast_guard (
    id          int PRIMARY KEY CHECK (id = 1),
    downs       jsonb NOT NULL DEFAULT '{}',
    tripped_now boolean NOT NULL DEFAULT false
);
INSERT INTO blast_guard (id) VALUES (1);

-- The DOWNs still within the window at now_ms, plus target's at now_ms when target is not null.
CREATE FUNCTION revive_guard_downs(downs jsonb, target text, now_ms double precision, window_ms double precision)
RETURNS jsonb AS $$
    SELECT coalesce(jsonb_object_agg(d.key, d.value), '{}'::jsonb)
    FROM jsonb_each(CASE WHEN target IS NULL THEN downs ELSE downs || jsonb_build_object(target, now_ms) END) AS d
    WHERE (d.value #>> '{}')::double precision >= now_ms - window_ms
$$ LANGUAGE sql IMMUTABLE;
