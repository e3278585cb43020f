-- One row per notification request, as received (the raw body is what a dead-letter record carries).
CREATE TABLE notification (
    notification_id  text PRIMARY KEY,
    target_id        text,
    incident_id      text,
    ce_id            text NOT NULL,
    ce_type          text NOT NULL,
    ce_source        text NOT NULL,
    ce_time          timestamptz,
    raw_body         bytea NOT NULL,
    request          bytea NOT NULL,          -- the request as understood (recipients it could not use removed)
    kafka_partition  int,
    kafka_offset     bigint,
    grouped          boolean NOT NULL,        -- storm control put it into a digest
    received_at      timestamptz NOT NULL
);
CREATE INDEX notification_recent ON notification (received_at) WHERE NOT grouped;
CREATE INDEX notification_target_recent ON notification (target_id, received_at) WHERE NOT grouped;

-- The delivery ledger: one row per (notification, channel, recipient). A digest is a delivery of its own
-- (kind DIGEST) whose members are the GROUPED rows pointing at it.
CREATE TABLE delivery (
    id                  bigserial PRIMARY KEY,
    notification_id     text NOT NULL,
    channel             text NOT NULL,
    recipient           text NOT NULL,
    target_id           text,
    incident_id         text,
    kind                text NOT NULL CHECK (kind IN ('NOTIFICATION', 'DIGEST')),
    status              text NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'GROUPED')),
    attempts            int NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    lease_until         timestamptz,
    digest_id           bigint REFERENCES delivery (id),
    last_error          text,
    provider_message_id text,
    created_at          timestamptz NOT NULL,
    finished_at         timestamptz,
    reported_at         timestamptz,
    CONSTRAINT delivery_once UNIQUE (notification_id, channel, recipient)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX delivery_unreported ON delivery (id) WHERE reported_at IS NULL AND status IN ('DELIVERED', 'FAILED', 'GROUPED');
CREATE INDEX delivery_digest_members ON delivery (digest_id) WHERE digest_id IS NOT NULL;
CREATE INDEX delivery_open_digest ON delivery (channel, recipient) WHERE kind = 'DIGEST' AND status = 'PENDING';
