-- The clinic's systems drive CareCall (the integration API): service keys, the clinic's own ids, contact details
-- for invitations, payment and cancellation, and the answers kept for Idempotency-Key.

CREATE SEQUENCE service_key_ids START WITH 1;

-- A clinic system's credential. key_hash is the SHA-256 of the key, which is 256 random bits: unlike a password it
-- cannot be guessed, so a slow hash would only slow every request. The webhook secret signs what we send and so must
-- be readable; it is shown once at creation and never answered or logged afterwards.
CREATE TABLE service_keys (
    id             BIGINT PRIMARY KEY,
    name           VARCHAR(100) NOT NULL UNIQUE,
    key_hash       VARCHAR(64) NOT NULL UNIQUE,
    scopes         VARCHAR(200) NOT NULL,
    webhook_url    VARCHAR(1000),
    webhook_secret VARCHAR(100),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at     TIMESTAMP WITH TIME ZONE
);

ALTER TABLE users ADD COLUMN external_id VARCHAR(100);
CREATE UNIQUE INDEX users_external_id ON users (external_id);

ALTER TABLE appointments ADD COLUMN external_id VARCHAR(100);
ALTER TABLE appointments ADD COLUMN patient_email VARCHAR(320);
ALTER TABLE appointments ADD COLUMN patient_phone VARCHAR(32);
ALTER TABLE appointments ADD COLUMN patient_language VARCHAR(8);
ALTER TABLE appointments ADD COLUMN patient_time_zone VARCHAR(64);
-- unpaid, paid or refunded; `paid` stays the one column the call checks.
ALTER TABLE appointments ADD COLUMN payment_status VARCHAR(16) NOT NULL DEFAULT 'unpaid';
ALTER TABLE appointments ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
CREATE UNIQUE INDEX appointments_external_id ON appointments (external_id);
UPDATE appointments SET payment_status = 'paid' WHERE paid = TRUE;

-- One row per (key, Idempotency-Key): inserted before the work runs, so of concurrent retries exactly one inserts
-- and runs it; the others wait for its stored answer. response_status is null while the first one still works.
CREATE TABLE idempotency_keys (
    service_key_id  BIGINT NOT NULL REFERENCES service_keys (id),
    idem_key        VARCHAR(200) NOT NULL,
    request_hash    VARCHAR(64) NOT NULL,
    response_status INTEGER,
    response_body   VARCHAR(100000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service_key_id, idem_key)
);
