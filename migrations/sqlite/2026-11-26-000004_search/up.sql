-- Search over drafts and the provisions of their newest published version.
-- `folded` is lower case without diacritics (đ → d), folded by the app, so
-- both backends match the same words.
CREATE TABLE search_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    anchor TEXT,
    kind TEXT NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    folded TEXT NOT NULL
);
CREATE INDEX search_entries_draft_id ON search_entries (draft_id);

-- SQLite only: the FTS5 index over the folded text.
CREATE VIRTUAL TABLE search_fts USING fts5(folded, entry_id UNINDEXED, tokenize = 'unicode61');
