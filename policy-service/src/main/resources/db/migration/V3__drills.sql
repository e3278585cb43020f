-- Drills (POST /drills): a deliberate outage of one target and whether, and how fast, the loop closed.
-- The stages are read from the drill's incident's events; a row keeps what the events cannot tell.
CREATE TABLE drills (
    id              text PRIMARY KEY,
    target_id       text NOT NULL,
    mode            text NOT NULL,
    state           text NOT NULL,
    started_at      timestamptz NOT NULL,
    deadline        timestamptz NOT NULL,
    incident_id     text,
    stop_command_id text,
    stop_status     text,
    stop_reason     text,
    ended_at        timestamptz,
    outcome         text,
    created_by      text
);
-- At most one running drill per target: the second POST loses with 23505 (409).
CREATE UNIQUE INDEX drills_one_running_per_target ON drills (target_id) WHERE state = 'RUNNING';
CREATE INDEX drills_started_at ON drills (started_at);
