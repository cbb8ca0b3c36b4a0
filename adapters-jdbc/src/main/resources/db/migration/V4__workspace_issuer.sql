-- The iss of a workspace's tokens, fixed when the workspace is created, so that it no longer
-- depends on the port or address an instance is started with. NULL only for workspaces made before
-- this column: the next server start gives them the issuer their tokens carried
-- (WorkspaceStore.assignMissingIssuers); a command refuses them until then.
ALTER TABLE workspaces ADD COLUMN issuer VARCHAR(2048);
