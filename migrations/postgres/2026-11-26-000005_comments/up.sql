-- Comments on drafts. Who wrote a comment (name, e-mail of people without an
-- account) is kept apart from what they wrote, in comment_contacts, so it can
-- be erased while the comment stays in the dossier.
CREATE TABLE comments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    draft_id BIGINT NOT NULL REFERENCES drafts (id),
    version_number INTEGER NOT NULL,
    anchor TEXT,
    question_position INTEGER,
    category TEXT NOT NULL CHECK (category IN ('individual', 'business', 'association',
        'state_agency', 'expert', 'other')),
    organisation_name TEXT,
    organisation_reg_no TEXT,
    on_behalf_of TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending_confirmation', 'published', 'hidden', 'withdrawn')),
    late BOOLEAN NOT NULL DEFAULT FALSE,
    show_name BOOLEAN NOT NULL DEFAULT FALSE,
    user_id BIGINT REFERENCES users (id),
    consented_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    CHECK (status = 'pending_confirmation' OR published_at IS NOT NULL)
);
CREATE INDEX comments_draft_status_id ON comments (draft_id, status, id);
CREATE INDEX comments_draft_anchor ON comments (draft_id, anchor, id);
CREATE INDEX comments_user_id ON comments (user_id);

CREATE TABLE comment_contacts (
    comment_id BIGINT PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL
);

CREATE TABLE comment_tokens (
    token_hash TEXT PRIMARY KEY,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX comment_tokens_comment_id ON comment_tokens (comment_id);
