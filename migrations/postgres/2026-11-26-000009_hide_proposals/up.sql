-- A moderator of the drafting agency can only propose to hide a comment on
-- its own draft; a second moderator confirms.
ALTER TABLE comments ADD COLUMN hide_proposed_by BIGINT REFERENCES users (id);
ALTER TABLE comments ADD COLUMN hide_proposed_code TEXT;
ALTER TABLE comments ADD COLUMN hide_proposed_text TEXT;
