-- Targets registry: the source of truth for revive.targets (published through the outbox).
CREATE TABLE targets (
    id         text PRIMARY KEY,
    spec       jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The event store: append-only, one stream per incident, optimistic concurrency on (stream_id, version).
CREATE TABLE incident_events (
    position    bigserial PRIMARY KEY,
    stream_id   text NOT NULL,
    version     int NOT NULL,
    target_id   text NOT NULL,
    type        text NOT NULL,
    payload     jsonb NOT NULL,
    at          timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT incident_events_stream_version UNIQUE (stream_id, version)
);
CREATE INDEX incident_events_target_type_at ON incident_events (target_id, type, at);

-- Read model (a projection of incident_events, rebuildable at any time).
CREATE TABLE incidents (
    id          text PRIMARY KEY,
    target_id   text NOT NULL,
    severity    text NOT NULL,
    phase       text NOT NULL,
    step        int NOT NULL,
    last_step   int NOT NULL,
    held        boolean NOT NULL,
    acked_by    text,
    opened_at   timestamptz NOT NULL,
    resolved_at timestamptz,
    version     int NOT NULL
);
-- At most one open CRITICAL incident per target: the guard against two instances opening one each.
CREATE UNIQUE INDEX incidents_one_open_per_target ON incidents (target_id)
    WHERE phase <> 'RESOLVED' AND severity = 'CRITICAL';
CREATE INDEX incidents_target_resolved ON incidents (target_id, resolved_at DESC);

-- Durable timers: at most one per incident; written in the transaction that appends the events.
CREATE TABLE timers (
    incident_id text PRIMARY KEY,
    kind        text NOT NULL,
    step        int NOT NULL,
    due_at      timestamptz NOT NULL
);
CREATE INDEX timers_due ON timers (due_at);

-- Transactional outbox; a relay publishes rows in id order and deletes them once Kafka acked them.
CREATE TABLE outbox (
    id        bigserial PRIMARY KEY,
    topic     text NOT NULL,
    msg_key   text NOT NULL,
    ce_id     text,
    ce_type   text,
    ce_time   timestamptz,
    payload   bytea,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION outbox_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('revive_outbox', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
