-- The chat of each call, line by line, so the doctor can read a call's transcript in its history. Until now chat
-- lines were only relayed. seq numbers a session's lines from 1 in the order the server relayed them; the backend
-- stops storing a session's lines at its limit (CallHistory.MAX_TRANSCRIPT_LINES), and a line is at most 2000
-- characters, as the protocol allows. Rows go with their session: nothing else refers to them.
CREATE TABLE chat_lines (
    session_id BIGINT NOT NULL REFERENCES call_sessions (id),
    seq        INTEGER NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    from_role  VARCHAR(16) NOT NULL,
    line       VARCHAR(2000) NOT NULL,
    PRIMARY KEY (session_id, seq)
);
