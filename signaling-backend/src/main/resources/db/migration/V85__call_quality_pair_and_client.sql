-- Call history (issue 14): which program each party used and the selected ICE candidate pair's types (host, srflx,
-- prflx, relay) as its last quality report named them, beside that party's quality summary. Null for rows written
-- before, and for clients that do not report them.
ALTER TABLE call_quality ADD COLUMN client VARCHAR(16);
ALTER TABLE call_quality ADD COLUMN local_candidate VARCHAR(8);
ALTER TABLE call_quality ADD COLUMN remote_candidate VARCHAR(8);
