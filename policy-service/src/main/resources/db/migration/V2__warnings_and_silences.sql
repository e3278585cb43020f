-- WARNING incidents carry the metric rule that raised them; at most one open per target and rule.
ALTER TABLE incidents ADD COLUMN rule text;
ALTER TABLE incidents ADD COLUMN held_by text;
CREATE UNIQUE INDEX incidents_one_open_warning_per_rule ON incidents (target_id, rule)
    WHERE phase <> 'RESOLVED' AND severity = 'WARNING';

-- Silences: while one covers a target (by id or tag), incidents are recorded but nobody is told and nothing acts.
CREATE TABLE silences (
    id         text PRIMARY KEY,
    target_id  text,
    tag        text,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    reason     text,
    created_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((target_id IS NULL) <> (tag IS NULL)),
    CHECK (ends_at > starts_at)
);
CREATE INDEX silences_ends_at ON silences (ends_at);
