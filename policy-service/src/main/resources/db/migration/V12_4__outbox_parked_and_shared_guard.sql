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

-- The blast-radius guard's memory, shared by every replica: the targets that went DOWN recently (the database's
-- clock, so replicas' clocks do not matter), and one row that serializes the recorders and counts them.
CREATE TABLE blast_guard (
    id    int PRIMARY KEY CHECK (id = 1),
    downs int NOT NULL DEFAULT 0
);
INSERT INTO blast_guard (id) VALUES (1);
CREATE TABLE blast_guard_downs (
    target_id text PRIMARY KEY,
    at        timestamptz NOT NULL
);
CREATE INDEX blast_guard_downs_at ON blast_guard_downs (at);

-- Records a DOWN and answers how many targets are down within the window and whether this DOWN took them over the
-- threshold. The guard row's lock makes one recorder at a time (across replicas); each statement below then reads
-- with a fresh snapshot (plpgsql, READ COMMITTED), so it sees what the previous recorder committed. The count is kept
-- in the guard row: no scan of the DOWNs.
CREATE FUNCTION revive_guard_record(target text, window_ms double precision, threshold double precision, enough boolean,
        OUT recent integer, OUT tripped_now boolean) AS $$
DECLARE
    before integer;
    gone integer;
    fresh boolean;
BEGIN
    SELECT g.downs INTO before FROM blast_guard g WHERE g.id = 1 FOR UPDATE;
    DELETE FROM blast_guard_downs d WHERE d.at < clock_timestamp() - window_ms * interval '1 millisecond';
    GET DIAGNOSTICS gone = ROW_COUNT;
    before := before - gone;
    INSERT INTO blast_guard_downs AS d (target_id, at) VALUES (target, clock_timestamp())
        ON CONFLICT (target_id) DO UPDATE SET at = EXCLUDED.at
        RETURNING (d.xmax = 0) INTO fresh;
    recent := before + CASE WHEN fresh THEN 1 ELSE 0 END;
    UPDATE blast_guard g SET downs = recent WHERE g.id = 1;
    tripped_now := enough AND recent > threshold AND NOT (before > threshold);
END;
$$ LANGUAGE plpgsql;
