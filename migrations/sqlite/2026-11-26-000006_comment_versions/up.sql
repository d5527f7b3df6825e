-- Every earlier text of an edited comment, and when a comment was locked
-- (answered) or withdrawn.
CREATE TABLE comment_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (comment_id, number)
);

ALTER TABLE comments ADD COLUMN locked_at TIMESTAMP;
ALTER TABLE comments ADD COLUMN withdrawn_at TIMESTAMP;
