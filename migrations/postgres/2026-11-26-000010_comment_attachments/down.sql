DROP TABLE comment_attachments;
