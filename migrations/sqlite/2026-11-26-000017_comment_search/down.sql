DROP TABLE comment_fts;
