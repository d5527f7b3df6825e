DROP TABLE server_keys;
DROP TABLE outbox;
DROP TABLE api_tokens;
DROP TABLE rate_limits;
DROP TABLE email_tokens;
DROP TABLE sessions;
ALTER TABLE agencies DROP COLUMN description;
ALTER TABLE users DROP COLUMN disabled_at;
ALTER TABLE users DROP COLUMN lang;
