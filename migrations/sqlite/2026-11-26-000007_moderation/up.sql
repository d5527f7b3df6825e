-- Reports (which never hide anything by themselves), why a comment was
-- hidden, and the public moderation log.
CREATE TABLE comment_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    reporter_id BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX comment_reports_comment_id ON comment_reports (comment_id);

ALTER TABLE comments ADD COLUMN hidden_reason_code TEXT;
ALTER TABLE comments ADD COLUMN hidden_reason_text TEXT;

CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id BIGINT NOT NULL REFERENCES drafts (id),
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    action TEXT NOT NULL CHECK (action IN ('hide', 'restore')),
    reason_code TEXT NOT NULL CHECK (reason_code IN ('abuse', 'personal_data', 'spam', 'off_topic', 'other', 'restored')),
    reason_text TEXT NOT NULL DEFAULT '',
    moderator_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX moderation_log_draft_id ON moderation_log (draft_id, id);
