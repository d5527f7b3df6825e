DROP TABLE moderation_log;
ALTER TABLE comments DROP COLUMN hidden_reason_text;
ALTER TABLE comments DROP COLUMN hidden_reason_code;
DROP TABLE comment_reports;
