-- A workspace's own limit on the requests of each of its credentials, per second (a burst of as
-- many). NULL when never set or cleared: the operator's TOKENMINT_RATE_LIMIT then applies; 0: no
-- limit for this workspace, whatever the operator's default.
ALTER TABLE workspaces ADD COLUMN rate_limit INTEGER;
