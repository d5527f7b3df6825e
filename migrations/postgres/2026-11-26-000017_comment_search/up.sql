-- Search over comments: the words of their folded text (lower case, no
-- diacritics, folded by the app) under a GIN index. Hidden and withdrawn
-- comments are left out when searching, by their status.
CREATE TABLE comment_search (
    comment_id BIGINT PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    words TSVECTOR NOT NULL
);
CREATE INDEX comment_search_words ON comment_search USING GIN (words);
