ALTER TABLE drafts DROP COLUMN synthesis_published_at;
DROP TABLE appraisal_answers;
DROP TABLE appraisal_points;
DROP TABLE appraisals;
DROP TABLE draft_events;
DROP TABLE rebuttals;
DROP TABLE responses;
