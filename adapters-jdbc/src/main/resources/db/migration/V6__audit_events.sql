-- One audit table for minted tokens and administrative changes: audit_records becomes audit_events,
-- its rows (all minted tokens) kept with their ids, so a listing of every kind is one ordered,
-- indexed read, and the mint's write keeps its shape. Renamed in place rather than copied: an
-- audit table can be large, and a rename takes no time whatever its size.
ALTER TABLE audit_records RENAME TO audit_events;
ALTER INDEX audit_records_by_workspace RENAME TO audit_events_by_workspace;
ALTER TABLE audit_events RENAME COLUMN minted_at TO occurred_at;
-- a credential id, or 'cli', 'scheduler', 'config'
ALTER TABLE audit_events RENAME COLUMN credential_id TO actor;

-- What happened: 'token.minted', 'user.added', … No CHECK: a new kind needs no migration.
ALTER TABLE audit_events ADD COLUMN kind VARCHAR(32) DEFAULT 'token.minted' NOT NULL;
ALTER TABLE audit_events ALTER COLUMN kind DROP DEFAULT;
-- On what, for administrative events (a user id, jti, kid, credential id, API key); minted tokens
-- are read as about their jti, or their user when they have none, from the columns below.
ALTER TABLE audit_events ADD COLUMN target VARCHAR(512);
ALTER TABLE audit_events ADD COLUMN detail VARCHAR(1024);
ALTER TABLE audit_events ADD COLUMN request_id VARCHAR(128);

-- Only minted tokens have a grant count and a profile; not every event has a user or a token. A
-- minted token of a profile without jti keeps '' as before; other events without one have NULL.
ALTER TABLE audit_events ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN jti DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN grant_count DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN profile DROP NOT NULL;

-- The filters of POST /v2/audit/get and `audit list`, newest first within a workspace. Each costs
-- the background writer an index entry per row, never the request.
CREATE INDEX audit_events_by_kind ON audit_events (workspace_id, kind, id);
CREATE INDEX audit_events_by_user ON audit_events (workspace_id, user_id, id);
CREATE INDEX audit_events_by_jti ON audit_events (workspace_id, jti, id);
