DROP TABLE thread_attachments;
