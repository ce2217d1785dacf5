-- Call quality (issue 14): each party's quality reports of a call session, summed up (medians, worst values, time
-- at fair and poor), one row per session and role, rewritten as the reports arrive. "send" is that party's upload.
-- No CHECK constraints, as in V1 (H2 binds them to Flyway's session).
CREATE TABLE call_quality (
    session_id              BIGINT NOT NULL REFERENCES call_sessions (id),
    role                    VARCHAR(16) NOT NULL,
    reports                 INTEGER NOT NULL,
    rtt_median_ms           INTEGER,
    rtt_worst_ms            INTEGER,
    send_loss_median_pct    DOUBLE PRECISION,
    send_loss_worst_pct     DOUBLE PRECISION,
    receive_loss_median_pct DOUBLE PRECISION,
    receive_loss_worst_pct  DOUBLE PRECISION,
    send_kbps_median        INTEGER,
    send_kbps_lowest        INTEGER,
    receive_kbps_median     INTEGER,
    receive_kbps_lowest     INTEGER,
    seconds_fair            INTEGER NOT NULL,
    seconds_poor            INTEGER NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, role)
);
