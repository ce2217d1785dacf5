-- CareCall schema. Portable SQL: the same migration runs on embedded H2 and on PostgreSQL.
-- No CHECK constraints: H2 2.4 binds a check constraint's expression to the session that created it (Flyway's),
-- so every later insert into an in-memory database fails once that session is closed. The enums in the Java code
-- are the only writers of the status and role columns.
-- Ids come from sequences (nextval works on both) because helidon-dbclient 4.1 returns no generated keys.

CREATE SEQUENCE user_ids START WITH 1;
CREATE SEQUENCE patient_ids START WITH 1;
CREATE SEQUENCE appointment_ids START WITH 1;
CREATE SEQUENCE call_session_ids START WITH 1;
CREATE SEQUENCE audit_ids START WITH 1;

-- Doctors: the only people with an account. password_hash is bcrypt.
CREATE TABLE users (
    id            BIGINT PRIMARY KEY,
    username      VARCHAR(100) NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Patients have no account; they reach their call through the appointment's signed join link.
CREATE TABLE patients (
    id         BIGINT PRIMARY KEY,
    full_name  VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE appointments (
    id              BIGINT PRIMARY KEY,
    doctor_id       BIGINT NOT NULL REFERENCES users (id),
    patient_id      BIGINT NOT NULL REFERENCES patients (id),
    scheduled_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    paid            BOOLEAN NOT NULL,
    call_status     VARCHAR(16) NOT NULL DEFAULT 'inactive',
    call_started_by VARCHAR(16),
    call_started_at TIMESTAMP WITH TIME ZONE,
    call_ended_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX appointments_doctor ON appointments (doctor_id, scheduled_at);

-- One row per call: an appointment may be called again after a call ended.
-- signaling_log is a JSON array of {at, event, from}; never SDP bodies or candidates.
CREATE TABLE call_sessions (
    id             BIGINT PRIMARY KEY,
    appointment_id BIGINT NOT NULL REFERENCES appointments (id),
    doctor_id      BIGINT NOT NULL REFERENCES users (id),
    patient_id     BIGINT NOT NULL REFERENCES patients (id),
    status         VARCHAR(16) NOT NULL,
    started_by     VARCHAR(16) NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    joined_at      TIMESTAMP WITH TIME ZONE,
    ended_at       TIMESTAMP WITH TIME ZONE,
    ended_by       VARCHAR(16),
    signaling_log  VARCHAR(1000000) NOT NULL DEFAULT '[]'
);
CREATE INDEX call_sessions_appointment ON call_sessions (appointment_id, started_at);

-- Who did what when: sign-ins (also failed ones), call starts, joins and ends.
CREATE TABLE audit_log (
    id             BIGINT PRIMARY KEY,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    action         VARCHAR(50) NOT NULL,
    appointment_id BIGINT,
    detail         VARCHAR(1000)
);
CREATE INDEX audit_log_appointment ON audit_log (appointment_id, at);
