-- Up to five files (PDF, DOCX, ODT, PNG, JPEG, recognised by content) sent
-- with a comment; the bytes live in the content-addressed file store.
CREATE TABLE comment_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (comment_id, position)
);
