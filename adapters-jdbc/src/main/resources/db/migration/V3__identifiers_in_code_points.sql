-- Identifiers are 1 to 256 characters counted in Unicode code points. PostgreSQL counts a VARCHAR's
-- length in characters, but H2 counts UTF-16 units, in which a character outside the basic plane
-- (an emoji, a rare CJK ideograph) takes two: 256 of them need 512. The domain keeps the limit;
-- these columns only stop refusing ids it accepts.

ALTER TABLE users ALTER COLUMN user_id SET DATA TYPE VARCHAR(512) ${binary_order};

ALTER TABLE grants ALTER COLUMN user_id SET DATA TYPE VARCHAR(512) ${binary_order};
ALTER TABLE grants ALTER COLUMN organization_id SET DATA TYPE VARCHAR(512);
ALTER TABLE grants ALTER COLUMN resource_id SET DATA TYPE VARCHAR(512);

ALTER TABLE revoked_tokens ALTER COLUMN jti SET DATA TYPE VARCHAR(512);

ALTER TABLE audit_records ALTER COLUMN user_id SET DATA TYPE VARCHAR(512);
ALTER TABLE audit_records ALTER COLUMN jti SET DATA TYPE VARCHAR(512);
