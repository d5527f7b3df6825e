ALTER TABLE comments DROP COLUMN hide_proposed_text;
ALTER TABLE comments DROP COLUMN hide_proposed_code;
ALTER TABLE comments DROP COLUMN hide_proposed_by;
