-- The algorithms a workspace's verification accepts, as its admin set them: their JOSE names in
-- the order of SigningAlgorithm, separated by commas ("ES256,EdDSA"). NULL when never set: the
-- operator's global list (TOKENMINT_ALLOWED_ALGS) then applies. All five names take 29 characters.
ALTER TABLE workspaces ADD COLUMN allowed_algorithms VARCHAR(64);
