-- Health history for the console and the status page: one row per target, location and minute (kept two days by
-- default) and per hour (ninety days), written in batches by HealthHistory. Latencies in ms; p50/p95 are the upper
-- bounds of log-scale histogram buckets (within 41%). When a late result adds to a row already written, probes,
-- failures and the latency sum add up, max is the greater, and p50/p95 keep the greater (an upper bound).
CREATE TABLE health_minute (
    target_id      text        NOT NULL,
    minute         timestamptz NOT NULL,
    location       text        NOT NULL,
    probes         integer     NOT NULL,
    failures       integer     NOT NULL,
    latency_sum_ms bigint      NOT NULL,
    p50_ms         integer     NOT NULL,
    p95_ms         integer     NOT NULL,
    max_ms         integer     NOT NULL,
    PRIMARY KEY (target_id, minute, location)
);

CREATE TABLE health_hour (
    target_id      text        NOT NULL,
    hour           timestamptz NOT NULL,
    location       text        NOT NULL,
    probes         integer     NOT NULL,
    failures       integer     NOT NULL,
    latency_sum_ms bigint      NOT NULL,
    p95_ms         integer     NOT NULL,
    max_ms         integer     NOT NULL,
    PRIMARY KEY (target_id, hour, location)
);

CREATE INDEX health_minute_by_minute ON health_minute (minute);
CREATE INDEX health_hour_by_hour ON health_hour (hour);

-- Notes an operator publishes on an incident for the status page (the incident's own events stay internal).
CREATE TABLE incident_public_notes (
    id          bigserial   PRIMARY KEY,
    incident_id text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    written_by  text        NOT NULL,
    body        text        NOT NULL
);
CREATE INDEX incident_public_notes_by_incident ON incident_public_notes (incident_id, at);
