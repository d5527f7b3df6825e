-- Search over drafts and the provisions of their newest published version.
-- `folded` is lower case without diacritics (đ → d), folded by the app, so
-- both backends match the same words.
CREATE TABLE search_entries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    anchor TEXT,
    kind TEXT NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    folded TEXT NOT NULL
);
CREATE INDEX search_entries_draft_id ON search_entries (draft_id);

-- PostgreSQL only: full-text index over the folded text.
CREATE INDEX search_entries_fts ON search_entries USING GIN (to_tsvector('simple', folded));
