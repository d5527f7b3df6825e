-- The agency's answer to a comment. Saved unpublished, then published; a
-- published answer is never edited: a correction is a new row that
-- supersedes it, and both stay.
CREATE TABLE responses (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'partly_accepted', 'not_accepted', 'noted')),
    explanation TEXT NOT NULL DEFAULT '',
    -- The explanation folded (case, diacritics, spaces) to spot boilerplate.
    explanation_key TEXT NOT NULL DEFAULT '',
    -- Anchors, one per line, of the provisions of version_number that carry the change.
    anchors TEXT NOT NULL DEFAULT '',
    version_number INTEGER,
    responder_id BIGINT NOT NULL REFERENCES users (id),
    -- The same id on every comment of one campaign answer.
    group_id TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    superseded_at TIMESTAMP,
    superseded_by BIGINT REFERENCES responses (id),
    CHECK (superseded_at IS NULL OR published_at IS NOT NULL)
);
CREATE INDEX responses_comment ON responses (comment_id, id);
CREATE INDEX responses_draft ON responses (draft_id, published_at);
CREATE INDEX responses_explanation ON responses (draft_id, explanation_key);
-- One unpublished answer per comment, and one current published answer.
CREATE UNIQUE INDEX responses_one_unpublished ON responses (comment_id) WHERE published_at IS NULL;
CREATE UNIQUE INDEX responses_one_current ON responses (comment_id) WHERE published_at IS NOT NULL AND superseded_at IS NULL;

-- The commenter's one reply to the answer, and the agency's answer to it.
CREATE TABLE rebuttals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    comment_id BIGINT NOT NULL UNIQUE REFERENCES comments (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    answer TEXT,
    answered_by BIGINT REFERENCES users (id),
    answered_at TIMESTAMP,
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);

-- Every status change of a draft: the public timeline.
CREATE TABLE draft_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    agency_id BIGINT REFERENCES agencies (id),
    actor_id BIGINT REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX draft_events_draft ON draft_events (draft_id, id);

-- The justice department's appraisal of one version.
CREATE TABLE appraisals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    version_number INTEGER NOT NULL,
    conclusion TEXT NOT NULL CHECK (conclusion IN ('eligible', 'not_yet_eligible')),
    summary TEXT NOT NULL DEFAULT '',
    report_file_name TEXT,
    report_content_type TEXT,
    report_size BIGINT,
    report_sha256 TEXT,
    appraiser_id BIGINT NOT NULL REFERENCES users (id),
    agency_id BIGINT REFERENCES agencies (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX appraisals_draft ON appraisals (draft_id, id);

-- A point the appraisal raises, optionally tied to provisions.
CREATE TABLE appraisal_points (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appraisal_id BIGINT NOT NULL REFERENCES appraisals (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    anchors TEXT NOT NULL DEFAULT '',
    UNIQUE (appraisal_id, position)
);

-- The drafting agency's answers to a point; the appraiser may mark one
-- inadequate, which reopens the point. Rows are never changed but for the mark.
CREATE TABLE appraisal_answers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    point_id BIGINT NOT NULL REFERENCES appraisal_points (id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'partly_accepted', 'not_accepted', 'noted')),
    explanation TEXT NOT NULL DEFAULT '',
    responder_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    challenged_at TIMESTAMP,
    challenged_by BIGINT REFERENCES users (id),
    challenge_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appraisal_answers_point ON appraisal_answers (point_id, id);

ALTER TABLE drafts ADD COLUMN synthesis_published_at TIMESTAMP;
