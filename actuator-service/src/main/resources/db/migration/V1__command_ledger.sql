-- One row per command id: STARTED is committed before the side effect, the outcome after it.
CREATE TABLE command_ledger (
    command_id   text        PRIMARY KEY,
    incident_id  text,
    target_id    text        NOT NULL,
    step         integer     NOT NULL,
    action       text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('STARTED', 'SUCCEEDED', 'FAILED', 'OUTCOME_UNKNOWN')),
    attempts     integer     NOT NULL DEFAULT 1,
    reference    text,
    result_json  text,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    CHECK ((state = 'STARTED') = (result_json IS NULL))
);

CREATE INDEX command_ledger_started ON command_ledger (started_at) WHERE state = 'STARTED';
CREATE INDEX command_ledger_target ON command_ledger (target_id, started_at);
