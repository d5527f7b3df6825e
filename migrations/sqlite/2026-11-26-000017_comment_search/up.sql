-- Search over comments: their folded text (lower case, no diacritics,
-- folded by the app) in an FTS5 index that keeps no copy of the text
-- (contentless; rowid = comments.id). Hidden and withdrawn comments are left
-- out when searching, by their status.
CREATE VIRTUAL TABLE comment_fts USING fts5(
    folded, content = '', contentless_delete = 1, tokenize = 'unicode61'
);
