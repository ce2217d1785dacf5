-- The waiting room (issue 14): what the doctor wrote to a waiting patient and why they declined them, kept with the
-- call session so a reload of the patient's page (or a restart of the server) still shows it; and the patient's
-- latest pre-call check per appointment, shown on the doctor's list before admitting.
CREATE SEQUENCE waiting_note_ids START WITH 1;
CREATE TABLE waiting_notes (
    id         BIGINT PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES call_sessions (id),
    kind       VARCHAR(10) NOT NULL, -- 'message' or 'decline'
    text       VARCHAR(500) NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX waiting_notes_session ON waiting_notes (session_id, id);

CREATE TABLE patient_readiness (
    appointment_id BIGINT PRIMARY KEY REFERENCES appointments (id),
    report         VARCHAR(4000) NOT NULL, -- the readiness object as JSON, as the page sent it
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
