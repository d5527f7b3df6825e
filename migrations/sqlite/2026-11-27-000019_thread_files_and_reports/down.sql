DROP TABLE thread_reports;
DROP TABLE thread_attachments;
