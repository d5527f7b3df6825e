DROP INDEX comments_by_position;
ALTER TABLE comments DROP COLUMN position;
