-- An author may appeal a hidden comment once; another moderator decides.
CREATE TABLE appeals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL UNIQUE REFERENCES comments (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    decided_by BIGINT REFERENCES users (id),
    decided_at TIMESTAMP,
    outcome TEXT CHECK (outcome IN ('restored', 'upheld')),
    decision TEXT NOT NULL DEFAULT '',
    CHECK ((outcome IS NULL) = (decided_at IS NULL))
);

-- Who hid a comment (an appeal goes to someone else).
ALTER TABLE comments ADD COLUMN hidden_by BIGINT REFERENCES users (id);
