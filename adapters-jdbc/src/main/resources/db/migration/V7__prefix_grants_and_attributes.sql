-- Prefix grants and user attributes.
--
-- '*' is now reserved in resource ids: a folder or document id ending in '*' is a prefix grant
-- ('report_*' covers every id starting with 'report_'), a '*' anywhere else is refused, and an
-- organization id never holds one. A grant stored before on an id holding a '*' was a grant on
-- exactly that id: read today, one ending in '*' would cover many resources (wider than it was
-- given), and one holding it elsewhere would not read at all. Neither can be kept meaning what it
-- meant, so they are removed: narrower is the safe direction. Prefix grants need no new column:
-- the pattern is the resource id, '*' included, and is the grant's key like any id.
DELETE FROM grants WHERE resource_id LIKE '%*%' OR organization_id LIKE '%*%';

-- One row per user and attribute name. A value is kept as text with its kind: 'string',
-- 'integer' (decimal digits), 'decimal' (Java's shortest round-tripping form), 'boolean'
-- ('true' or 'false'), or 'strings' (an array: each element followed by a newline, since
-- attribute strings hold no control character; '' for the empty array). The whole attributes
-- object is at most 4 096 bytes of JSON, so no value is longer than that.
CREATE TABLE user_attributes (
  workspace_id VARCHAR(64)   NOT NULL,
  user_id      VARCHAR(512)  ${binary_order} NOT NULL,
  name         VARCHAR(64)   ${binary_order} NOT NULL,
  kind         VARCHAR(8)    NOT NULL CHECK (kind IN ('string', 'integer', 'decimal', 'boolean', 'strings')),
  value_text   VARCHAR(4096) NOT NULL, -- "value" is a keyword in H2
  PRIMARY KEY (workspace_id, user_id, name),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id)
);
