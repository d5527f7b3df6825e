DROP TABLE comment_tokens;
DROP TABLE comment_contacts;
DROP TABLE comments;
