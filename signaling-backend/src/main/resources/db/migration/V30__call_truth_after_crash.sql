-- The truth about a call after a crash.
-- end_reason: why the call ended (callEnded.reason: hangup, server_restart, abandoned, ...); null while it runs and
--   for calls that ended before this column existed.
-- empty_since: when both parties had left the waiting or running call, or null while someone is in it. It survives
--   a restart, so a call abandoned before the crash still ends as abandoned after it.
-- event_count: how many events signaling_log holds. The log is stored as it grows, in batches written apart from
--   the call's own transitions; an older batch must never overwrite a longer log, and the count lets the UPDATE say so.
ALTER TABLE call_sessions ADD COLUMN end_reason VARCHAR(32);
ALTER TABLE call_sessions ADD COLUMN empty_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE call_sessions ADD COLUMN event_count INTEGER DEFAULT 0 NOT NULL;
