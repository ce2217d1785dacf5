-- The durable outbox: whatever must reach another system (webhooks now; mails and SMS go the same way) is a row here
-- first, written where the event happens, and delivered by a worker that retries with back-off. A restart loses
-- nothing: the rows wait for the next worker. dedupe_key makes an event enqueue at most once.

CREATE SEQUENCE outbox_ids START WITH 1;

CREATE TABLE outbox (
    id              BIGINT PRIMARY KEY,
    kind            VARCHAR(16) NOT NULL,
    target          VARCHAR(200) NOT NULL,
    dedupe_key      VARCHAR(200) NOT NULL UNIQUE,
    payload         VARCHAR(100000) NOT NULL,
    appointment_id  BIGINT,
    status          VARCHAR(16) NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- A worker owns a row until then (several backend instances share the table).
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_appointment ON outbox (appointment_id, kind);
