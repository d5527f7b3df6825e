ALTER TABLE comments DROP COLUMN withdrawn_at;
ALTER TABLE comments DROP COLUMN locked_at;
DROP TABLE comment_versions;
