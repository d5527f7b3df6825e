DROP TABLE thread_appeals;
DROP TABLE thread_reports;
DROP TABLE thread_attachments;
