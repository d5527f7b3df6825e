-- Files sent with a thread (as with comments: checked by content, the bytes
-- in the file store under their SHA-256).
CREATE TABLE thread_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (thread_id, position)
);

-- Reports of threads and replies; as with comments, they never hide
-- anything by themselves: a moderator decides, with a public reason.
CREATE TABLE thread_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    reply_id BIGINT REFERENCES thread_replies (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    reporter_id BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX thread_reports_thread ON thread_reports (thread_id);

-- An author's one appeal against hiding their thread or reply (target: the
-- public id of either), decided by another moderator.
CREATE TABLE thread_appeals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    target TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    decided_by BIGINT REFERENCES users (id),
    decided_at TIMESTAMP,
    restored BOOLEAN,
    decision TEXT NOT NULL DEFAULT ''
);
