DROP TABLE comment_search;
