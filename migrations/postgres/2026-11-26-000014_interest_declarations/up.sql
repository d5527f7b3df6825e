-- Each drafter working on a draft declares their interests in it (or none);
-- shown on the draft's page. A new declaration replaces the drafter's last.
CREATE TABLE interest_declarations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    -- Empty: "no interest to declare".
    declaration TEXT NOT NULL DEFAULT '',
    declared_at TIMESTAMP NOT NULL,
    UNIQUE (draft_id, user_id)
);
