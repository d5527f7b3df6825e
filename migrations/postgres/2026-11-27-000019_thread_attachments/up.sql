-- Files sent with a thread (as with comments: checked by content, the bytes
-- in the file store under their SHA-256).
CREATE TABLE thread_attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (thread_id, position)
);
