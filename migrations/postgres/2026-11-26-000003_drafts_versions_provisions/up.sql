-- Drafts, their versions and provisions, the rule table of consultation windows,
-- the agency's questions and the dossier. Dates are Vietnam calendar days
-- (TEXT 'YYYY-MM-DD' via DATE); instants are UTC TIMESTAMPs.
CREATE TABLE window_rules (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_type TEXT NOT NULL UNIQUE,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    min_days INTEGER NOT NULL CHECK (min_days > 0),
    legal_basis TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE drafts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL REFERENCES window_rules (doc_type),
    field TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    affected_groups TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('preparing', 'open', 'closed', 'synthesising',
        'synthesis_published', 'in_appraisal', 'appraised', 'appraisal_answered',
        'submitted', 'adopted', 'withdrawn')),
    opens_on DATE,
    closes_on DATE,
    closes_at TIMESTAMP,
    rule_id BIGINT REFERENCES window_rules (id),
    rule_min_days INTEGER,
    rule_legal_basis TEXT,
    allow_late BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (status = 'preparing' OR status = 'withdrawn' OR closes_at IS NOT NULL)
);
CREATE INDEX drafts_agency_id ON drafts (agency_id);
CREATE INDEX drafts_status_closes_at ON drafts (status, closes_at);

CREATE TABLE draft_questions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (draft_id, position)
);

CREATE TABLE versions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draft_id BIGINT NOT NULL REFERENCES drafts (id),
    number INTEGER NOT NULL,
    source_text TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (draft_id, number)
);

CREATE TABLE provisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    depth INTEGER NOT NULL,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    anchor TEXT NOT NULL,
    short_anchor TEXT,
    parent_anchor TEXT,
    title TEXT,
    body TEXT NOT NULL,
    UNIQUE (version_id, anchor),
    UNIQUE (version_id, position)
);

CREATE TABLE dossier_documents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    draft_id BIGINT NOT NULL REFERENCES drafts (id),
    kind TEXT NOT NULL CHECK (kind IN ('explanatory_memo', 'impact_assessment',
        'comparison_table', 'other')),
    title TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dossier_documents_draft_id ON dossier_documents (draft_id);

-- The rule table as the law stood when gopy was written; an admin edits it.
INSERT INTO window_rules (doc_type, name_vi, name_en, min_days, legal_basis, updated_at) VALUES
    ('hdnd_resolution', 'Nghị quyết của Hội đồng nhân dân tỉnh', 'Resolution of the provincial People''s Council', 30,
     'Luật Ban hành văn bản quy phạm pháp luật 2015, sửa đổi 2020, Điều 120', CURRENT_TIMESTAMP),
    ('ubnd_decision', 'Quyết định của Ủy ban nhân dân tỉnh', 'Decision of the provincial People''s Committee', 30,
     'Luật Ban hành văn bản quy phạm pháp luật 2015, sửa đổi 2020, Điều 129', CURRENT_TIMESTAMP),
    ('chairman_decision', 'Quyết định của Chủ tịch Ủy ban nhân dân tỉnh', 'Decision of the chairperson of the provincial People''s Committee', 10,
     'Nghị định 187/2025/NĐ-CP, Điều 51a', CURRENT_TIMESTAMP);
