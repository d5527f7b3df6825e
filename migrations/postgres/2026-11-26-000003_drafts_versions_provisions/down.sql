DROP TABLE dossier_documents;
DROP TABLE provisions;
DROP TABLE versions;
DROP TABLE draft_questions;
DROP TABLE drafts;
DROP TABLE window_rules;
